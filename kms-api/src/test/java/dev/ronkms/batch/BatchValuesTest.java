package dev.ronkms.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The batch value types: every distinct result is its own value, and requests show no data. */
class BatchValuesTest {

  @Test
  void everyDistinctResultIsADistinctValue() {
    List<VerifyResult> all = new ArrayList<>(List.of(VerifyResult.valid(),
        VerifyResult.invalid()));
    for (ErrorCode code : ErrorCode.values()) {
      all.add(VerifyResult.refused(code));
    }
    Set<Integer> hashes = new HashSet<>();
    for (VerifyResult a : all) {
      hashes.add(a.hashCode());
      for (VerifyResult b : all) {
        assertEquals(a == b, a.equals(b), a + " vs " + b);
      }
      assertNotEquals(a, a.toString());
    }
    assertEquals(all.size(), hashes.size(), "distinct values hash apart");
    assertSame(VerifyResult.valid(), VerifyResult.of(true));
  }

  @Test
  void aRequestShowsSizesNotContents() {
    KeyId v1 = KeyId.of("acme", "b", Algorithm.ED25519, new UUID(1, 1)).withVersion(1);
    byte[] sig = new byte[64];
    sig[0] = 1;
    VerifyRequest r = VerifyRequest.of(new Signed(v1, sig), "secret".getBytes());
    assertEquals(v1, r.version());
    assertEquals(1, r.signature()[0]);
    assertEquals("VerifyRequest[" + v1 + ", message 6 bytes]", r.toString());
    assertFalse(r.toString().contains("secret"));
    assertEquals("VerifyRequest[" + v1 + ", message null]",
        new VerifyRequest(v1, null, sig).toString());
    assertTrue(new VerifyRequest(null, null, null).toString().contains("null"));
  }
}
