package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.pkcs11.testing.SoftHsm;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.PrivateKeyHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The token sealer's AEAD on its own: output bounds, nonce and handle checks, what it is. */
class TokenAeadTest {
  private static final byte[] PLAIN = "twelve bytes".getBytes(StandardCharsets.UTF_8);
  private static final byte[][] AAD = {"a".getBytes(StandardCharsets.UTF_8), new byte[0]};
  private static final byte[] NONCE = new byte[12];

  private TokenSealer sealer;
  private TokenAead aead;
  private PrivateKeyHandle key;
  private final AtomicInteger gone = new AtomicInteger();

  @BeforeEach
  void open() {
    sealer = TokenSealer.create(SoftHsm.token(), "aead-" + UUID.randomUUID());
    aead = new TokenAead(sealer.tokenKeyProvider(), "where-x7", gone::incrementAndGet);
    key = aead.handle(sealer.tokenKey());
  }

  @AfterEach
  void close() {
    sealer.close();
  }

  private static void assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
  }

  @Test
  void describesItself() {
    assertEquals(TokenAead.NAME, aead.name());
    assertEquals("pkcs11-seal", aead.name());
    assertEquals(0, aead.priority());
    assertEquals(Set.of(Capability.NON_EXTRACTABLE_KEYS, Capability.HARDWARE_BACKED),
        aead.capabilities());
    assertEquals(Set.of(Algorithm.AES_256_GCM), aead.algorithms());
    assertEquals("TokenAead[where-x7]", aead.toString());
    assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> aead.generate(Algorithm.AES_256_GCM));
    assertCode(ErrorCode.UNSUPPORTED_OPERATION,
        () -> aead.importPrivateKey(Algorithm.AES_256_GCM, new byte[32]));
    assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> aead.sealPrivateKey(key, sealer, PLAIN));
    assertCode(ErrorCode.UNSUPPORTED_OPERATION,
        () -> aead.openPrivateKey(Algorithm.AES_256_GCM, PLAIN, sealer, PLAIN));
  }

  @Test
  void aHandleHoldsNoKeyBytesAndCloses() {
    assertEquals(TokenAead.NAME, key.provider());
    assertEquals(Algorithm.AES_256_GCM, key.algorithm());
    assertArrayEquals(new byte[0], key.publicKey());
    assertFalse(key.isDestroyed());
    assertEquals("TokenKeyHandle[where-x7]", key.toString());
    key.close();
    assertTrue(key.isDestroyed());
    assertEquals("TokenKeyHandle[where-x7, closed]", key.toString());
    assertCode(ErrorCode.VERSION_DESTROYED,
        () -> aead.encrypt(key, NONCE, AAD, PLAIN, new byte[28], 0));
    assertCode(ErrorCode.VERSION_DESTROYED,
        () -> aead.decrypt(key, NONCE, AAD, new byte[28], 0, 28));
  }

  @Test
  void encryptsIntoExactlyTheRoomItNeeds() {
    byte[] exact = new byte[PLAIN.length + 16];
    aead.encrypt(key, NONCE, AAD, PLAIN, exact, 0);
    assertArrayEquals(PLAIN, aead.decrypt(key, NONCE, AAD, exact, 0, exact.length));

    byte[] nonce = NONCE.clone();
    nonce[0] = 1; // the token refuses a key and nonce pair it has just used
    byte[] offset = new byte[5 + PLAIN.length + 16];
    aead.encrypt(key, nonce, AAD, PLAIN, offset, 5);
    assertArrayEquals(new byte[5], Arrays.copyOf(offset, 5), "nothing before the offset");
    assertArrayEquals(PLAIN, aead.decrypt(key, nonce, AAD, offset, 5, exact.length));

    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> aead.encrypt(key, NONCE, AAD, PLAIN, new byte[PLAIN.length + 15], 0));
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> aead.encrypt(key, NONCE, AAD, PLAIN, new byte[PLAIN.length + 16], 1));
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> aead.encrypt(key, NONCE, AAD, PLAIN, new byte[PLAIN.length + 40], -1));
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> aead.encrypt(key, NONCE, AAD, PLAIN, null, 0));
  }

  @Test
  void anEmptyPlaintextIsJustATag() {
    byte[] tag = new byte[16];
    aead.encrypt(key, NONCE, AAD, new byte[0], tag, 0);
    assertArrayEquals(new byte[0], aead.decrypt(key, NONCE, AAD, tag, 0, 16));
    assertCode(ErrorCode.TAMPERED, () -> aead.decrypt(key, NONCE, AAD, tag, 0, 15));
    tag[0] ^= 1;
    assertCode(ErrorCode.TAMPERED, () -> aead.decrypt(key, NONCE, AAD, tag, 0, 16));
    assertEquals(0, gone.get(), "a bad tag is not a token that went away");
  }

  @Test
  void nonceAndHandleAreChecked() {
    byte[] out = new byte[PLAIN.length + 16];
    for (byte[] nonce : new byte[][] {null, new byte[11], new byte[13], new byte[0]}) {
      assertCode(ErrorCode.INVALID_ARGUMENT,
          () -> aead.encrypt(key, nonce, AAD, PLAIN, out, 0));
      assertCode(ErrorCode.INVALID_ARGUMENT,
          () -> aead.decrypt(key, nonce, AAD, out, 0, out.length));
    }
    TokenAead other = new TokenAead(sealer.tokenKeyProvider(), "other", () -> { });
    PrivateKeyHandle foreign = other.handle(sealer.tokenKey());
    assertCode(ErrorCode.PROVIDER_MISMATCH,
        () -> aead.encrypt(foreign, NONCE, AAD, PLAIN, out, 0));
    assertCode(ErrorCode.PROVIDER_MISMATCH,
        () -> aead.decrypt(null, NONCE, AAD, out, 0, out.length));
  }

  @Test
  void aCipherFailureIsABackendFailure() {
    byte[][] badAad = {null};
    assertCode(ErrorCode.BACKEND_FAILURE,
        () -> aead.encrypt(key, NONCE, badAad, PLAIN, new byte[PLAIN.length + 16], 0));
    assertEquals(0, gone.get());
  }
}
