package dev.ronkms.cli;

import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Step 9 of {@code kms demo}: post-quantum keys in the same engine — an ML-DSA-65 signature
 * bound to a context string, a composite ML-DSA-65 + Ed25519 signature, and a secret sealed to
 * another party's ML-KEM-768 public key that only the holder of its private key opens.
 */
final class PqDemo {
  private PqDemo() {}

  static int run(Kms kms, PrintWriter out) {
    out.println("9. Post-quantum keys, same lifecycle (provider "
        + kms.provider(Algorithm.ML_DSA_65) + "):");
    KeyId mlDsa = kms.create("acme", "firmware", Algorithm.ML_DSA_65);
    byte[] image = bytes("firmware 4.2");
    byte[] context = bytes("release");
    Signed s = kms.sign(mlDsa, image, context);
    out.println("   ML-DSA-65 " + s.keyId() + ": " + s.signature().length + "-byte signature, "
        + "context \"release\": " + valid(kms.verify(s.keyId(), image, s.signature(), context))
        + "; under context \"debug\": "
        + valid(kms.verify(s.keyId(), image, s.signature(), bytes("debug"))));

    KeyId hybrid = kms.create("acme", "firmware", Algorithm.MLDSA65_ED25519);
    Signed h = kms.sign(hybrid, image);
    byte[] strippedHalf = h.signature();
    strippedHalf[0] ^= 1;
    out.println("   Composite ML-DSA-65 + Ed25519: " + h.signature().length + "-byte signature "
        + valid(kms.verify(h.keyId(), image, h.signature())) + "; with its ML-DSA half damaged "
        + valid(kms.verify(h.keyId(), image, strippedHalf)) + " (mode "
        + kms.attest(hybrid).compositeMode() + ": both halves must verify)");

    try (Kms partner = Kms.inMemory()) {
      KeyId inbox = partner.create("partner", "inbox", Algorithm.ML_KEM_768);
      KeyId theirs = kms.importPublicKey("acme", "partner-inbox", Algorithm.ML_KEM_768,
          partner.publicKeySpki(inbox.withVersion(1)));
      byte[] aad = bytes("api-token");
      byte[] envelope = kms.seal(theirs, bytes("s3cr3t"), aad);
      out.println("   Sealed to the partner's ML-KEM-768 public key: a " + envelope.length
          + "-byte envelope");
      try {
        kms.sealer(theirs).open(envelope, aad);
        out.println("   UNEXPECTED: the sender opened it");
        return 1;
      } catch (KmsException e) {
        out.println("   The sender cannot open it: " + e.code());
      }
      out.println("   The partner opens it with its private key: \""
          + new String(partner.sealer(inbox).open(envelope, aad), StandardCharsets.UTF_8)
          + "\"");
    }
    return 0;
  }

  private static String valid(boolean ok) {
    return ok ? "VALID" : "INVALID";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
