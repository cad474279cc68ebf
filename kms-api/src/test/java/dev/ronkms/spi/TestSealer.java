package dev.ronkms.spi;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.Envelope;
import dev.ronkms.seal.StampKind;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A standalone {@link Sealer} for kms-api's tests, like kms-softseal's KeyringSealer with one
 * version and no anti-rollback: format-1 envelopes under one fresh AES-256-GCM key of
 * {@link TestAeadProvider}, opening only envelopes of its own reference. Counts its calls.
 */
public final class TestSealer implements Sealer, AutoCloseable {
  private final String reference;
  private final TestAeadProvider provider = new TestAeadProvider("test-sealer");
  private final PrivateKeyHandle key = provider.generate(Algorithm.AES_256_GCM);
  /** How many times {@link #seal} ran. */
  public final AtomicInteger seals = new AtomicInteger();
  /** How many times {@link #open} ran. */
  public final AtomicInteger opens = new AtomicInteger();

  /** A sealer writing {@code reference} into its envelopes, under a fresh key. */
  public TestSealer(String reference) {
    this.reference = reference;
  }

  @Override
  public String algorithm() {
    return Algorithm.AES_256_GCM.id();
  }

  @Override
  public String keyReference() {
    return reference + "/v1";
  }

  @Override
  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    seals.incrementAndGet();
    return Envelope.seal(provider, key, reference, 1, StampKind.NONE, 0, plaintext,
        associatedData);
  }

  @Override
  public byte[] open(byte[] sealed, byte[] associatedData) {
    opens.incrementAndGet();
    Envelope e = Envelope.parse(sealed);
    if (!e.keyReference().equals(reference) || e.keyVersion() != 1) {
      throw new KmsException(ErrorCode.TAMPERED, "sealed data failed authentication");
    }
    return e.open(provider, key, associatedData);
  }

  @Override
  public void close() {
    key.close();
  }

  @Override
  public String toString() {
    return "TestSealer[" + reference + "]";
  }
}
