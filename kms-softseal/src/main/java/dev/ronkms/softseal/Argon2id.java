package dev.ronkms.softseal;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id version 1.3 (RFC 9106) on Bouncy Castle. The only class of this module that names a
 * Bouncy Castle type, so that every other class loads and links without it: {@link StoreKeys}
 * checks that Bouncy Castle is present before it touches this class.
 */
final class Argon2id {
  /** The class StoreKeys looks for to tell whether Bouncy Castle is present. */
  static final String GENERATOR_CLASS = "org.bouncycastle.crypto.generators.Argon2BytesGenerator";

  private Argon2id() {}

  /**
   * Argon2id(password, salt, m, t, p) with the optional secret and associated data of RFC 9106
   * (null for none), {@code outputLength} bytes. The caller owns and clears {@code password}.
   */
  static byte[] derive(byte[] password, byte[] salt, int memoryKiB, int iterations,
      int parallelism, byte[] secret, byte[] associatedData, int outputLength) {
    Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKiB)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt.clone()); // the builder's clear() zeroes what it holds
    if (secret != null) {
      builder.withSecret(secret.clone());
    }
    if (associatedData != null) {
      builder.withAdditional(associatedData.clone());
    }
    Argon2Parameters parameters = builder.build();
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(parameters);
      byte[] out = new byte[outputLength];
      generator.generateBytes(password, out); // clears its memory blocks before it returns
      return out;
    } finally {
      parameters.clear();
      builder.clear();
    }
  }
}
