package dev.ronkms.softseal;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import dev.ronkms.spi.SealingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link SealingProvider} over {@link SoftSealProvider} that keeps what a test needs to see
 * from outside a keyring: the key arrays it was given to import, the handles it made, and the
 * plaintext arrays its decryptions returned. Hooks let a test fail an import or act in the
 * middle of a call. Not thread-safe: one test at a time.
 */
final class RecordingProvider implements SealingProvider {
  final SealingProvider inner = new SoftSealProvider();
  final List<byte[]> importedKeys = new ArrayList<>();
  final List<PrivateKeyHandle> handles = new ArrayList<>();
  final List<byte[]> decrypted = new ArrayList<>();
  /** The import with this index (0-based) throws instead; -1 for none. */
  int failImportAt = -1;
  /** Hands out handles whose close() does nothing, as a careless provider's might. */
  boolean undyingHandles;
  /** Runs at the start of every encrypt and decrypt with the handle in use. */
  java.util.function.Consumer<PrivateKeyHandle> beforeCall = h -> { };

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public Set<Capability> capabilities() {
    return inner.capabilities();
  }

  @Override
  public Set<Algorithm> algorithms() {
    return inner.algorithms();
  }

  @Override
  public PrivateKeyHandle generate(Algorithm algorithm) {
    throw new UnsupportedOperationException();
  }

  @Override
  public PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed) {
    importedKeys.add(seed);
    if (importedKeys.size() - 1 == failImportAt) {
      throw new IllegalStateException("import refused by the test");
    }
    PrivateKeyHandle h = inner.importPrivateKey(algorithm, seed);
    handles.add(h);
    return undyingHandles ? new Undying(h) : h;
  }

  @Override
  public byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer, byte[] associatedData) {
    throw new UnsupportedOperationException();
  }

  @Override
  public PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealed, Sealer sealer,
      byte[] associatedData) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void encrypt(PrivateKeyHandle key, byte[] nonce, byte[][] associatedData,
      byte[] plaintext, byte[] out, int outOffset) {
    beforeCall.accept(key);
    inner.encrypt(unwrap(key), nonce, associatedData, plaintext, out, outOffset);
  }

  @Override
  public byte[] decrypt(PrivateKeyHandle key, byte[] nonce, byte[][] associatedData,
      byte[] input, int offset, int length) {
    beforeCall.accept(key);
    byte[] plaintext = inner.decrypt(unwrap(key), nonce, associatedData, input, offset, length);
    decrypted.add(plaintext);
    return plaintext;
  }

  private static PrivateKeyHandle unwrap(PrivateKeyHandle key) {
    return key instanceof Undying u ? u.inner : key;
  }

  /** A handle that ignores close(). */
  private record Undying(PrivateKeyHandle inner) implements PrivateKeyHandle {
    @Override
    public String provider() {
      return inner.provider();
    }

    @Override
    public Algorithm algorithm() {
      return inner.algorithm();
    }

    @Override
    public byte[] publicKey() {
      return inner.publicKey();
    }

    @Override
    public boolean isDestroyed() {
      return inner.isDestroyed();
    }

    @Override
    public void close() {
      // deliberately nothing
    }
  }

  /** True when every byte of {@code a} is zero. */
  static boolean zero(byte[] a) {
    for (byte b : a) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
