package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The third-party vectors in {@code testdata/vectors/} are byte-for-byte upstream copies: every
 * file's SHA-256 must match the table of {@code testdata/vectors/README.md}, and the table must
 * list exactly the files of the tree, so a silent edit, addition or removal fails the build.
 */
class VendoredVectorsTest {

  /** A line of the README's {@code ```sha256} block, as {@code sha256sum} prints it. */
  private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) {2}(\\S+)");

  /** Files of the tree that are the project's own, not upstream copies. */
  private static final Set<String> OWN_FILES = Set.of("README.md", ".gitattributes");

  private static Map<String, String> readmeTable(Path root) throws IOException {
    List<String> lines = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
    int start = lines.indexOf("```sha256");
    assertTrue(start >= 0, "testdata/vectors/README.md has no ```sha256 block");
    Map<String, String> table = new TreeMap<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.equals("```")) {
        return table;
      }
      Matcher m = LINE.matcher(line);
      assertTrue(m.matches(), "not a '<sha256>  <path>' line in the ```sha256 block: " + line);
      assertEquals(null, table.put(m.group(2), m.group(1)), "listed twice: " + m.group(2));
    }
    throw new AssertionError("the ```sha256 block of testdata/vectors/README.md is not closed");
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  @Test
  void everyCopiedFileMatchesItsSha256InTheReadme() throws IOException {
    Path root = VectorFiles.root();
    Map<String, String> table = readmeTable(root);
    assertFalse(table.isEmpty(), "the SHA-256 table is empty");
    for (Map.Entry<String, String> row : table.entrySet()) {
      Path file = root.resolve(row.getKey());
      assertTrue(Files.isRegularFile(file), "listed in the README but missing: " + row.getKey());
      assertEquals(row.getValue(), sha256(file), "SHA-256 of " + row.getKey());
    }
  }

  @Test
  void theTableListsExactlyTheFilesOfTheTree() throws IOException {
    Path root = VectorFiles.root();
    Set<String> onDisk;
    try (Stream<Path> files = Files.walk(root)) {
      onDisk = files.filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString().replace('\\', '/'))
          .filter(f -> !OWN_FILES.contains(f))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(readmeTable(root).keySet(), onDisk);
  }

  @Test
  void theVectorsTheSuitesReadAreCopiedWithTheirLicenses() throws IOException {
    Set<String> listed = readmeTable(VectorFiles.root()).keySet();
    for (String used : List.of("wycheproof/ed25519_test.json", "rfc8032/rfc8032_ed25519.json",
        "ed25519-speccheck/cases.json", "wycheproof/LICENSE", "ed25519-speccheck/LICENSE",
        "wycheproof/aes_gcm_test.json", "wycheproof/chacha20_poly1305_test.json",
        "wycheproof/mldsa_44_verify_test.json", "wycheproof/mldsa_65_verify_test.json",
        "wycheproof/mldsa_87_verify_test.json", "wycheproof/mldsa_44_sign_seed_test.json",
        "wycheproof/mldsa_65_sign_seed_test.json", "wycheproof/mldsa_87_sign_seed_test.json",
        "wycheproof/mlkem_512_test.json", "wycheproof/mlkem_768_test.json",
        "wycheproof/mlkem_1024_test.json", "wycheproof/mlkem_512_semi_expanded_decaps_test.json",
        "wycheproof/mlkem_768_semi_expanded_decaps_test.json",
        "wycheproof/mlkem_1024_semi_expanded_decaps_test.json",
        "composite-sigs/testvectors.json", "composite-sigs/license.txt")) {
      assertTrue(listed.contains(used), used + " is not in testdata/vectors/README.md");
    }
  }
}
