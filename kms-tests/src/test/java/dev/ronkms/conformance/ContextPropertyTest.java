package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.Kms;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.conformance.Backends.Signer;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties with seeded random messages, context strings and rotations, for every signature
 * algorithm that takes a context: a signature verifies under exactly the version, message and
 * context it was made with; batches answer as single calls.
 */
class ContextPropertyTest {
  private static final long SEED = 0x5eed_c0de_2026L;

  /** The signers whose algorithm takes a context (Ed25519's properties are elsewhere). */
  static Stream<Arguments> contextSigners() {
    return Backends.signers().stream().filter(s -> s.algorithm().takesContext())
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contextSigners")
  void aSignatureVerifiesUnderExactlyItsVersionMessageAndContext(Signer signer) {
    Random random = new Random(SEED ^ signer.toString().hashCode());
    try (Kms kms = LifecycleTest.kmsOn(signer)) {
      KeyId key = kms.create("acme", "prop", signer.algorithm());
      List<VerifyRequest> good = new ArrayList<>();
      List<VerifyRequest> bad = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        byte[] message = bytes(random, random.nextInt(300));
        byte[] context = bytes(random, random.nextInt(4) == 0 ? 0 : random.nextInt(256));
        Signed s = kms.sign(key, message, context);
        assertTrue(kms.verify(s.keyId(), message, s.signature(), context), "round trip " + i);
        good.add(new VerifyRequest(s.keyId(), message, s.signature(), context));
        byte[] otherContext = context.length == 0 ? new byte[] {0}
            : Arrays.copyOf(context, context.length - 1);
        bad.add(new VerifyRequest(s.keyId(), message, s.signature(), otherContext));
        byte[] otherMessage = Arrays.copyOf(message, message.length + 1);
        bad.add(new VerifyRequest(s.keyId(), otherMessage, s.signature(), context));
        byte[] flipped = s.signature();
        flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
        bad.add(new VerifyRequest(s.keyId(), message, flipped, context));
        if (random.nextBoolean()) {
          KeyId next = kms.rotate(key);
          bad.add(new VerifyRequest(next, message, s.signature(), context));
        }
      }
      for (VerifyRequest r : bad) {
        assertFalse(kms.verify(r.version(), r.message(), r.signature(), r.context()),
            r.toString());
      }
      List<VerifyRequest> all = new ArrayList<>(good);
      all.addAll(bad);
      List<Boolean> expected = new ArrayList<>();
      good.forEach(r -> expected.add(true));
      bad.forEach(r -> expected.add(false));
      assertEquals(expected, kms.verifyBatch(all).stream().map(VerifyResult::isValid)
          .toList());
    }
  }

  private static byte[] bytes(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }
}
