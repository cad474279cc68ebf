package dev.ronkms.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates and reads the shared third-party vectors in {@code ../shared/vectors/} (relative to the
 * repository root). The build passes the absolute path in the {@code kms.vectors.dir} system
 * property; without it the directory is searched for from the working directory upwards. A
 * missing directory is an error, never a silently empty test.
 */
public final class VectorFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private VectorFiles() {}

  /** The vectors directory. @throws IllegalStateException when it cannot be found */
  public static Path root() {
    String configured = System.getProperty("kms.vectors.dir");
    if (configured != null) {
      Path p = Paths.get(configured).toAbsolutePath().normalize();
      if (Files.isDirectory(p)) {
        return p;
      }
      throw new IllegalStateException("kms.vectors.dir=" + p + " is not a directory");
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/vectors").normalize();
      if (Files.isDirectory(candidate.resolve("wycheproof"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find ../shared/vectors; set -Dkms.vectors.dir");
  }

  /** Parses {@code relative} (for example {@code rfc8032/rfc8032_ed25519.json}) as JSON. */
  public static JsonNode read(String relative) {
    Path file = root().resolve(relative);
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vector file " + file, e);
    }
  }
}
