package dev.ronkms.spi;

import dev.ronkms.keys.Algorithm;
import java.security.spec.AlgorithmParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real AEAD provider for kms-api's own tests (kms-softseal depends on kms-api, so its provider
 * cannot be used here): AES-256-GCM and ChaCha20-Poly1305 on the JDK's SunJCE, a fresh
 * {@link Cipher} per call. Through {@link #recording()} it remembers every handle it made and
 * every plaintext it released, so tests can check they were zeroised. {@link #encryptLengths}
 * and {@link #decryptLengths} record every call that reached the library, so tests can tell a
 * refusal of {@link SoftwareSealingProvider}'s own checks from one of the library.
 */
public final class TestAeadProvider extends SoftwareSealingProvider {
  private final List<PrivateKeyHandle> made = Collections.synchronizedList(new ArrayList<>());
  private final List<byte[]> plaintexts = Collections.synchronizedList(new ArrayList<>());
  private final Set<Capability> capabilities;
  /** The plaintext length of every {@code encryptWithKey} call, in order. */
  public final List<Integer> encryptLengths = Collections.synchronizedList(new ArrayList<>());
  /** The {@code length} of every {@code decryptWithKey} call, in order. */
  public final List<Integer> decryptLengths = Collections.synchronizedList(new ArrayList<>());

  /** Serves both AEAD algorithms and imports keys. */
  public TestAeadProvider(String name) {
    this(name, Set.of(Capability.SEED_IMPORT));
  }

  /** Serves both AEAD algorithms with the given capabilities. */
  public TestAeadProvider(String name, Set<Capability> capabilities) {
    super(name, 1, Set.of(Algorithm.AES_256_GCM, Algorithm.CHACHA20_POLY1305));
    this.capabilities = Set.copyOf(capabilities);
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  /** Every handle this provider generated, imported or unsealed, in order. */
  public List<PrivateKeyHandle> made() {
    synchronized (made) {
      return List.copyOf(made);
    }
  }

  /** Every array {@code decrypt} of {@link #recording()} returned, in order (not copies). */
  public List<byte[]> plaintexts() {
    synchronized (plaintexts) {
      return List.copyOf(plaintexts);
    }
  }

  /** Records {@code h}. */
  private PrivateKeyHandle remember(PrivateKeyHandle h) {
    made.add(h);
    return h;
  }

  @Override
  protected void encryptWithKey(Algorithm algorithm, byte[] key, byte[] nonce,
      byte[][] associatedData, byte[] plaintext, byte[] out, int outOffset) throws Exception {
    encryptLengths.add(plaintext.length);
    Cipher c = cipher(algorithm, Cipher.ENCRYPT_MODE, key, nonce);
    for (byte[] part : associatedData) {
      c.updateAAD(part);
    }
    c.doFinal(plaintext, 0, plaintext.length, out, outOffset);
  }

  @Override
  protected byte[] decryptWithKey(Algorithm algorithm, byte[] key, byte[] nonce,
      byte[][] associatedData, byte[] input, int offset, int length) throws Exception {
    decryptLengths.add(length);
    Cipher c = cipher(algorithm, Cipher.DECRYPT_MODE, key, nonce);
    for (byte[] part : associatedData) {
      c.updateAAD(part);
    }
    try {
      return c.doFinal(input, offset, length);
    } catch (AEADBadTagException e) {
      return null;
    }
  }

  /** A fresh SunJCE cipher for {@code algorithm}, set up for {@code mode}. */
  public static Cipher cipher(Algorithm algorithm, int mode, byte[] key, byte[] nonce)
      throws Exception {
    boolean aes = algorithm == Algorithm.AES_256_GCM;
    Cipher c = Cipher.getInstance(aes ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305", "SunJCE");
    AlgorithmParameterSpec params = aes ? new GCMParameterSpec(TAG_LENGTH * 8, nonce)
        : new IvParameterSpec(nonce);
    c.init(mode, new SecretKeySpec(key, aes ? "AES" : "ChaCha20"), params);
    return c;
  }

  /** This provider, remembering every handle it makes and every plaintext it releases. */
  public SealingProvider recording() {
    return new Recording(null);
  }

  /** As {@link #recording()}, generating every key as a copy of {@code key} (32 bytes). */
  public SealingProvider generating(byte[] key) {
    return new Recording(key.clone());
  }

  private final class Recording implements SealingProvider {
    private final byte[] fixedKey;

    Recording(byte[] fixedKey) {
      this.fixedKey = fixedKey;
    }

    @Override
    public String name() {
      return TestAeadProvider.this.name();
    }

    @Override
    public int priority() {
      return TestAeadProvider.this.priority();
    }

    @Override
    public Set<Capability> capabilities() {
      return TestAeadProvider.this.capabilities();
    }

    @Override
    public Set<Algorithm> algorithms() {
      return TestAeadProvider.this.algorithms();
    }

    @Override
    public PrivateKeyHandle generate(Algorithm algorithm) {
      return remember(fixedKey == null ? TestAeadProvider.this.generate(algorithm)
          : TestAeadProvider.this.importPrivateKey(algorithm, fixedKey));
    }

    @Override
    public PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed) {
      return remember(TestAeadProvider.this.importPrivateKey(algorithm, seed));
    }

    @Override
    public byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer, byte[] associatedData) {
      return TestAeadProvider.this.sealPrivateKey(key, sealer, associatedData);
    }

    @Override
    public PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealed, Sealer sealer,
        byte[] associatedData) {
      return remember(TestAeadProvider.this.openPrivateKey(algorithm, sealed, sealer,
          associatedData));
    }

    @Override
    public void encrypt(PrivateKeyHandle key, byte[] nonce, byte[][] associatedData,
        byte[] plaintext, byte[] out, int outOffset) {
      TestAeadProvider.this.encrypt(key, nonce, associatedData, plaintext, out, outOffset);
    }

    @Override
    public byte[] decrypt(PrivateKeyHandle key, byte[] nonce, byte[][] associatedData,
        byte[] input, int offset, int length) {
      byte[] plaintext = TestAeadProvider.this.decrypt(key, nonce, associatedData, input, offset,
          length);
      plaintexts.add(plaintext);
      return plaintext;
    }
  }
}
