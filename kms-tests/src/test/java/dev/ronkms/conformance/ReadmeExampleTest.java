package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.Kms;
import dev.ronkms.filestore.FileKeystoreStore;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.softseal.StoreKeys;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.CompositeMode;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.Signed;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host-application example of README.md, line for line, so the README cannot rot. */
class ReadmeExampleTest {

  @Test
  void readmeSealingExampleRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    java.nio.file.Path keyFile = tmp.resolve("store.key");
    java.nio.file.Path storeDir = tmp.resolve("store");
    StoreKeys.generateKeyFile(keyFile);
    byte[] secret = "hunter2".getBytes(StandardCharsets.UTF_8);
    byte[] aad = "db-password".getBytes(StandardCharsets.UTF_8);
    byte[] opened;
    byte[] reopened;
    KeyId kept;
    try (KeyringSealer storeKey = StoreKeys.fromKeyFile(keyFile, "ron-kms/store-key")
             .antiRollback(AntiRollback.disabled()).build();
         FileKeystoreStore store = FileKeystoreStore.builder(storeDir, storeKey)
             .createIfMissing(true).build();
         Kms kms = Kms.builder().store(store)
             .antiRollback(AntiRollback.counter(store.counters())).build()) {
      KeyId sealing = kms.create("acme", "secrets", Algorithm.AES_256_GCM);
      byte[] envelope = kms.seal(sealing, secret, aad);    // aad names the secret, e.g. "db-password"
      byte[] back = kms.open(envelope, aad);               // TAMPERED, ROLLBACK, ... never garbage
      kms.rotate(sealing);                                 // new envelopes use v2; v1 ones still open
      byte[] rewrapped = kms.reseal(envelope, aad);        // to v2, the plaintext never handed out
      opened = back;
      reopened = rewrapped;
      kept = sealing;
    }
    assertArrayEquals(secret, opened);
    try (KeyringSealer storeKey = StoreKeys.fromKeyFile(keyFile, "ron-kms/store-key")
             .antiRollback(AntiRollback.disabled()).build();
         FileKeystoreStore store = FileKeystoreStore.open(storeDir, storeKey);
         Kms kms = Kms.builder().store(store)
             .antiRollback(AntiRollback.counter(store.counters())).build()) {
      assertEquals(2, kms.attest(kept).headVersion(), "the key survived the restart");
      assertEquals(2, dev.ronkms.seal.Envelope.parse(reopened).keyVersion());
      assertArrayEquals(secret, kms.open(reopened, aad));
    }
  }

  @Test
  void readmePostQuantumExampleRuns() {
    byte[] image = "firmware 4.2".getBytes(StandardCharsets.UTF_8);
    byte[] context = "release".getBytes(StandardCharsets.UTF_8);
    byte[] secret = "hunter2".getBytes(StandardCharsets.UTF_8);
    byte[] aad = "db-password".getBytes(StandardCharsets.UTF_8);
    try (Kms kms = Kms.inMemory()) {
      KeyId pq = kms.create("acme", "firmware", Algorithm.ML_DSA_65);
      Signed fw = kms.sign(pq, image, context);                       // FIPS 204 context, hedged
      boolean good = kms.verify(fw.keyId(), image, fw.signature(), context);
      KeyId hybrid = kms.create("acme", "firmware", Algorithm.MLDSA65_ED25519,
          KeyOptions.defaults().with(CompositeMode.REQUIRE));          // both halves must verify
      KeyId inbox = kms.create("acme", "inbox", Algorithm.ML_KEM_768);
      byte[] sealedToInbox = kms.seal(inbox, secret, aad);             // KEM + HKDF + AES-256-GCM
      byte[] fromInbox = kms.open(sealedToInbox, aad);

      assertTrue(good);
      assertEquals(3309, fw.signature().length);
      assertTrue(kms.verify(kms.sign(hybrid, image), image));
      assertArrayEquals(secret, fromInbox);
      assertTrue(kms.provider(Algorithm.ML_DSA_65).startsWith("pq-"));
    }
  }

  @Test
  void readmeExampleRuns() {
    byte[] message = "invoice #1001".getBytes(StandardCharsets.UTF_8);
    byte[] partnerPublicKey;
    byte[] partnerSignature;
    byte[] partnerNextPublicKey;
    try (Kms partnerKms = Kms.inMemory()) {   // the other service, with its own key manager
      KeyId theirs = partnerKms.create("partner", "signing", Algorithm.ED25519);
      partnerSignature = partnerKms.sign(theirs, message).signature();
      partnerPublicKey = partnerKms.publicKeySpki(theirs.withVersion(1));
      partnerNextPublicKey = partnerKms.publicKey(partnerKms.rotate(theirs));
    }
    try (Kms kms = Kms.inMemory()) {                       // in-memory store, default provider
      KeyId key = kms.create("acme", "payments", Algorithm.ED25519);
      Signed sig = kms.sign(key, message);                 // made by v1, the head
      KeyId v2 = kms.rotate(key);                          // v2 is head now
      boolean stillValid = kms.verify(sig, message);       // true: sig names v1
      Signed newer = kms.sign(key, message);               // made by v2
      String audit = kms.attest(key).toJson();             // deterministic JSON

      List<VerifyResult> results = kms.verifyBatch(List.of(
          VerifyRequest.of(sig, message), VerifyRequest.of(newer, message)));
      List<VerifyRequest> requests = Collections.nCopies(200, VerifyRequest.of(newer, message));
      List<VerifyResult> many = kms.verifyBatchParallel(requests);     // chunks across the cores
      boolean allValid = many.stream().allMatch(VerifyResult::isValid);

      KeyId partner = kms.importPublicKey("acme", "partner", Algorithm.ED25519, partnerPublicKey);
      boolean ok = kms.verify(partner.withVersion(1), message, partnerSignature);
      KeyId next = kms.rotateToPublicKey(partner, partnerNextPublicKey);  // v2; v1 still verifies

      assertEquals("bc", kms.provider(Algorithm.ED25519), "Bouncy Castle is the default");
      assertEquals(1, sig.version());
      assertEquals(key.withVersion(2), v2);
      assertTrue(stillValid);
      assertEquals(2, newer.version());
      assertTrue(audit.contains("\"headVersion\":2"), audit);
      assertEquals(List.of(VerifyResult.valid(), VerifyResult.valid()), results);
      assertEquals(Collections.nCopies(200, VerifyResult.valid()), many);
      assertTrue(allValid);
      assertTrue(ok);
      assertEquals(partner.withVersion(2), next);
      assertTrue(kms.verify(partner.withVersion(1), message, partnerSignature));
    }
  }
}
