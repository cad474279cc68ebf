package dev.ronkms.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Reads the third-party vectors copied into the repository's {@code testdata/vectors/} (see its
 * README.md). The build passes the absolute path in the {@code kms.vectors.dir} system property;
 * an unset property or a missing directory is an error, never a silently empty test.
 */
public final class VectorFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private VectorFiles() {}

  /** The vectors directory. @throws IllegalStateException when it is not configured or missing */
  public static Path root() {
    String configured = System.getProperty("kms.vectors.dir");
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException(
          "system property kms.vectors.dir is not set (the build sets it to testdata/vectors)");
    }
    Path p = Paths.get(configured).toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("kms.vectors.dir=" + p + " is not a directory");
    }
    return p;
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
