package dev.ronkms.softseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SealingProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Wycheproof's AEAD vectors ({@code testdata/vectors/wycheproof/aes_gcm_test.json} and
 * {@code chacha20_poly1305_test.json}, byte-for-byte upstream copies) through
 * {@link SoftSealProvider}, the raw AEAD under every envelope.
 *
 * <p>Every case of the groups with a 256-bit key, a 96-bit nonce and a 128-bit tag runs: each
 * distinct key is imported once with {@code importPrivateKey} (one handle per key, as a host
 * holds it); {@code decrypt} of {@code ct ‖ tag} must return
 * {@code msg} for a valid case (with the associated data whole, and again split in two parts,
 * which the SPI concatenates) and throw {@code TAMPERED} for an invalid one; {@code encrypt} of a
 * valid case's {@code msg} (at an output offset, associated data split) must give
 * {@code ct ‖ tag} byte for byte. Where consecutive cases encrypt other messages under the same
 * key and nonce (ChaCha20-Poly1305 tcId 122 to 128, for example), the second encryption in a row
 * must be refused with {@code INVALID_ARGUMENT} (the provider's nonce-reuse guard), and the test
 * then encrypts once under another nonce before checking the case's output.
 *
 * <p>Skipped, and why: AES-GCM groups with 128- or 192-bit keys (the provider serves AES-256
 * only: {@link Algorithm#AES_256_GCM} keys are 32 bytes, anything else is {@code MALFORMED_KEY});
 * groups of either file with nonces other than 96 bits or tags other than 128 bits (the SPI and
 * envelope format 1 use exactly {@link SealingProvider#NONCE_LENGTH} and
 * {@link SealingProvider#TAG_LENGTH}, and the provider refuses other nonce lengths with
 * {@code INVALID_ARGUMENT}). The counts run and skipped are asserted exactly, so a vector file
 * that changed or a filter that silently selected nothing fails the test.
 */
class WycheproofAeadTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final SealingProvider PROVIDER = new SoftSealProvider();
  /** The (key, nonce) this thread encrypted last, in hex. */
  private static final ThreadLocal<String> lastEncryption = new ThreadLocal<>();
  /** One handle per distinct key of a file, as a host holds one handle per key. */
  private static final ThreadLocal<Map<String, PrivateKeyHandle>> HANDLES =
      ThreadLocal.withInitial(HashMap::new);

  /** Per file: the cases run (valid, invalid) and the cases skipped. */
  private record Expected(String file, int valid, int invalid, int skipped) {}

  private static Expected expected(Algorithm algorithm) {
    return switch (algorithm) {
      case AES_256_GCM -> new Expected("wycheproof/aes_gcm_test.json", 39, 27, 250);
      case CHACHA20_POLY1305 -> new Expected("wycheproof/chacha20_poly1305_test.json", 256, 60,
          9);
      default -> throw new IllegalArgumentException(algorithm.id());
    };
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void everyCaseOfThe256BitKey96BitNonce128BitTagGroupsGivesTheVectorsAnswer(Algorithm algorithm)
      throws IOException {
    Expected expected = expected(algorithm);
    JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(vectors().resolve(
        expected.file())));
    List<String> failures = new ArrayList<>();
    int valid = 0;
    int invalid = 0;
    int skipped = 0;
    for (JsonNode group : root.get("testGroups")) {
      boolean envelopeShape = group.get("keySize").asInt() == 256
          && group.get("ivSize").asInt() == 96 && group.get("tagSize").asInt() == 128;
      for (JsonNode test : group.get("tests")) {
        if (!envelopeShape) {
          skipped++;
          continue;
        }
        String result = test.get("result").asText();
        assertTrue(result.equals("valid") || result.equals("invalid"),
            "tcId " + test.get("tcId") + ": unexpected result " + result);
        boolean isValid = result.equals("valid");
        if (isValid) {
          valid++;
        } else {
          invalid++;
        }
        String failure = runCase(algorithm, test, isValid);
        if (failure != null) {
          failures.add("tcId " + test.get("tcId").asInt() + " (" + test.get("comment").asText()
              + "): " + failure);
        }
      }
    }
    HANDLES.get().values().forEach(PrivateKeyHandle::close);
    HANDLES.get().clear();
    assertEquals(List.of(), failures);
    assertEquals(expected.valid(), valid, "valid cases run");
    assertEquals(expected.invalid(), invalid, "invalid cases run");
    assertEquals(expected.skipped(), skipped, "cases skipped (other key, nonce or tag sizes)");
    assertEquals(root.get("numberOfTests").asInt(), valid + invalid + skipped, "cases in file");
  }

  /** Runs one case; null when it passes, else what went wrong. */
  private static String runCase(Algorithm algorithm, JsonNode test, boolean isValid) {
    byte[] key = hex(test, "key");
    byte[] nonce = hex(test, "iv");
    byte[] aad = hex(test, "aad");
    byte[] msg = hex(test, "msg");
    byte[] sealed = concat(hex(test, "ct"), hex(test, "tag"));
    int split = aad.length / 2;
    byte[][] aadSplit = {Arrays.copyOf(aad, split), Arrays.copyOfRange(aad, split, aad.length)};
    PrivateKeyHandle handle = HANDLES.get().computeIfAbsent(HEX.formatHex(key),
        k -> PROVIDER.importPrivateKey(algorithm, key));
    try {
      if (!isValid) {
        return refusedAsTampered(handle, nonce, new byte[][] {aad}, sealed);
      }
      byte[] opened = PROVIDER.decrypt(handle, nonce, new byte[][] {aad}, sealed, 0,
          sealed.length);
      if (!Arrays.equals(msg, opened)) {
        return "decrypt gave other plaintext";
      }
      byte[] padded = concat(new byte[] {1, 2, 3}, sealed);
      if (!Arrays.equals(msg, PROVIDER.decrypt(handle, nonce, aadSplit, padded, 3,
          sealed.length))) {
        return "decrypt with split associated data at an offset gave other plaintext";
      }
      byte[] out = new byte[3 + msg.length + SealingProvider.TAG_LENGTH];
      String keyAndNonce = HEX.formatHex(key) + "/" + HEX.formatHex(nonce);
      if (keyAndNonce.equals(lastEncryption.get())) {
        // a run of cases encrypting other messages under one (key, nonce): the provider must
        // refuse the repeat, and encrypts once something else was encrypted in between
        String refusal = refusedAsRepeatedNonce(handle, nonce, aadSplit, msg, out);
        if (refusal != null) {
          return refusal;
        }
        byte[] otherNonce = nonce.clone();
        otherNonce[0] ^= 1;
        PROVIDER.encrypt(handle, otherNonce, aadSplit, msg, out, 3);
      }
      PROVIDER.encrypt(handle, nonce, aadSplit, msg, out, 3);
      lastEncryption.set(keyAndNonce);
      if (!Arrays.equals(sealed, Arrays.copyOfRange(out, 3, out.length))) {
        return "encrypt gave other ct || tag";
      }
      return null;
    } catch (KmsException e) {
      return "unexpected " + e.code() + ": " + e.getMessage();
    }
  }

  private static String refusedAsRepeatedNonce(PrivateKeyHandle handle, byte[] nonce,
      byte[][] aad, byte[] msg, byte[] out) {
    try {
      PROVIDER.encrypt(handle, nonce, aad, msg, out, 3);
      return "a second encryption in a row under one key and nonce was not refused";
    } catch (KmsException e) {
      return e.code() == ErrorCode.INVALID_ARGUMENT ? null : "repeat refused with " + e.code();
    }
  }

  private static String refusedAsTampered(PrivateKeyHandle handle, byte[] nonce, byte[][] aad,
      byte[] sealed) {
    try {
      PROVIDER.decrypt(handle, nonce, aad, sealed, 0, sealed.length);
      return "an invalid case decrypted";
    } catch (KmsException e) {
      return e.code() == ErrorCode.TAMPERED ? null : "refused with " + e.code();
    }
  }

  private static byte[] hex(JsonNode test, String field) {
    return HEX.parseHex(test.get(field).asText());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The vectors directory, from {@code kms.vectors.dir} (the parent pom's surefire setting). */
  static Path vectors() {
    String dir = System.getProperty("kms.vectors.dir");
    if (dir == null || dir.isBlank()) {
      throw new IllegalStateException(
          "system property kms.vectors.dir is not set (the build sets it to testdata/vectors)");
    }
    Path path = Path.of(dir).toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException("kms.vectors.dir=" + path + " is not a directory");
    }
    return path;
  }
}
