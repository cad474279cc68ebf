package dev.ronkms.cli;

import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code kms demo}: the main job end to end on the embedded in-memory store — discover providers,
 * create a key, sign, rotate twice, show old signatures still verifying against their versions
 * (one by one and as a batch), show a non-head version refused, check a partner's signature with
 * a verify-only key, print the attestation, seal a secret (step 8) and use post-quantum keys
 * (step 9, {@link PqDemo}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Walk through the key lifecycle on the in-memory store"
    + " (with --json: {\"ok\":true,\"lines\":[...]}).")
final class DemoCommand implements Callable<Integer> {
  private final Session session;

  DemoCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    if (!session.json) {
      return walk(session.out);
    }
    java.io.StringWriter text = new java.io.StringWriter();
    int code = walk(new PrintWriter(text, true));
    session.emit(Json.object("ok", code == 0, "lines", text.toString().lines().toList()), null);
    return code;
  }

  /** The walk-through, printed to {@code out}; 0 when every step behaved as shown. */
  private int walk(PrintWriter out) {
    Kms kms = session.kms();
    out.println("ron-kms demo: embedded in-memory store (nothing is written to disk)");
    out.println();
    out.println("1. Providers found (* = selected):");
    ProvidersCommand.print(kms.providers(), out::println);
    out.println("   Ed25519 provider in use: " + kms.provider(Algorithm.ED25519));
    out.println();

    KeyId key = kms.create("acme", "payments", Algorithm.ED25519);
    out.println("2. Created Ed25519 key " + key);
    out.println();

    List<Signed> signatures = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (int round = 1; round <= 3; round++) {
      String message = "invoice #" + (1000 + round);
      Signed s = kms.sign(key, bytes(message));
      signatures.add(s);
      messages.add(message);
      out.println((round == 1 ? "3. " : "   ") + "Signed \"" + message + "\" with v" + s.version()
          + ": " + s.signatureBase64());
      if (round < 3) {
        KeyId head = kms.rotate(key);
        out.println("   Rotated: head is now v" + head.version());
      }
    }
    out.println();

    out.println("4. Every signature still verifies against the version that made it:");
    for (int i = 0; i < signatures.size(); i++) {
      Signed s = signatures.get(i);
      out.printf("   %-4s \"%s\"  %s%n", "v" + s.version(), messages.get(i),
          kms.verify(s, bytes(messages.get(i))) ? "VALID" : "INVALID");
    }
    Signed first = signatures.get(0);
    out.printf("   %-4s \"%s\"  %s   (message altered)%n", "v" + first.version(),
        "invoice #9999", kms.verify(first, bytes("invoice #9999")) ? "VALID" : "INVALID");
    List<VerifyRequest> requests = new ArrayList<>();
    for (int i = 0; i < signatures.size(); i++) {
      requests.add(VerifyRequest.of(signatures.get(i), bytes(messages.get(i))));
    }
    requests.add(VerifyRequest.of(first, bytes("invoice #9999")));
    out.println("   The same four checks as one batch (multiscalar): "
        + kms.verifyBatch(requests).stream().map(VerifyResult::toString).toList());
    out.println();

    out.println("5. Only the head signs; asking v1 to sign is refused:");
    try {
      kms.sign(key.withVersion(1), bytes("invoice #1004"));
      out.println("   UNEXPECTED: v1 signed");
      return 1;
    } catch (KmsException e) {
      out.println("   " + e.getMessage());
    }
    out.println();

    out.println("6. Another service's signature, checked with its public key (verify-only key):");
    byte[] partnerPublicKey;
    byte[] partnerSignature;
    try (Kms partner = Kms.inMemory()) {
      KeyId theirs = partner.create("partner", "invoices", Algorithm.ED25519);
      partnerSignature = partner.sign(theirs, bytes("receipt #77")).signature();
      partnerPublicKey = partner.publicKeySpki(theirs.withVersion(1));
    }
    KeyId imported = kms.importPublicKey("acme", "partner", Algorithm.ED25519, partnerPublicKey);
    out.println("   Imported " + partnerPublicKey.length + "-byte X.509 public key as " + imported);
    out.println("   \"receipt #77\" by the partner: " + (kms.verify(imported.withVersion(1),
        bytes("receipt #77"), partnerSignature) ? "VALID" : "INVALID"));
    try {
      kms.sign(imported, bytes("forged receipt"));
      out.println("   UNEXPECTED: a verify-only key signed");
      return 1;
    } catch (KmsException e) {
      out.println("   Signing with it is refused: " + e.code());
    }
    out.println();

    out.println("7. Attestation:");
    out.println(JsonPretty.indent(kms.attest(key).toJson()));
    out.println();
    int sealed = sealing(kms, out);
    out.println();
    return sealed != 0 ? sealed : PqDemo.run(kms, out);
  }

  /** Step 8: a sealing key, an envelope, rotation, reseal, and the refusals. */
  private static int sealing(Kms kms, java.io.PrintWriter out) {
    out.println("8. Sealing a secret (AES-256-GCM key, same lifecycle as signing keys):");
    KeyId sealingKey = kms.create("acme", "secrets", Algorithm.AES_256_GCM);
    byte[] aad = bytes("db-password");
    byte[] first = kms.seal(sealingKey, bytes("hunter2"), aad);
    out.println("   Sealed with " + sealingKey + "/v1: a " + first.length + "-byte envelope");
    out.println("   Opened: \"" + new String(kms.open(first, aad), StandardCharsets.UTF_8)
        + "\"");
    kms.rotate(sealingKey);
    byte[] resealed = kms.reseal(first, aad);
    out.println("   Rotated; resealed to v2 without handing out the secret: \""
        + new String(kms.open(resealed, aad), StandardCharsets.UTF_8) + "\"");
    byte[] flipped = resealed.clone();
    flipped[flipped.length - 1] ^= 1;
    for (Object[] attempt : new Object[][] {{"one flipped bit", flipped, aad},
        {"other associated data", resealed, bytes("api-token")},
        {"the older envelope, replayed", first, aad}}) {
      try {
        kms.open((byte[]) attempt[1], (byte[]) attempt[2]);
        out.println("   UNEXPECTED: " + attempt[0] + " opened");
        return 1;
      } catch (KmsException e) {
        out.println("   " + attempt[0] + ": refused, " + e.code());
      }
    }
    return 0;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
