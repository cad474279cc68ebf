package dev.ronkms.spi;

import dev.ronkms.keys.Algorithm;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A toy provider for the engine's post-quantum paths, with the real lengths and no real
 * post-quantum security: ML-DSA-65 "signatures" are SHA-512 streams over the public key,
 * context and message (anyone can forge them), the composite MLDSA65_ED25519 pairs one with a
 * real Ed25519 signature of the same input, and ML-KEM-768 "encapsulation" hashes the public key
 * with a random ciphertext. Enough to test what the engine does around a provider: lengths,
 * versions, contexts, variants, composite modes. It remembers the last signing parameters.
 */
public final class ToyPqProvider extends SoftwareSignatureProvider
    implements CompositeSignatureProvider, KemProvider {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The parameters of the most recent signature. */
  public final AtomicReference<SigningParameters> lastParameters = new AtomicReference<>();

  public ToyPqProvider(String name) {
    super(name, 1, Set.of(Algorithm.ML_DSA_65, Algorithm.MLDSA65_ED25519,
        Algorithm.ML_KEM_768));
  }

  @Override
  protected byte[] derivePublicKey(Algorithm algorithm, byte[] seed) throws Exception {
    if (algorithm == Algorithm.ML_KEM_768) {
      byte[] ek = new byte[algorithm.publicKeyLength()];
      byte[] rho = MessageDigest.getInstance("SHA-256").digest(seed);
      System.arraycopy(rho, 0, ek, ek.length - 32, 32);
      return ek;
    }
    byte[] pq = stream(Algorithm.ML_DSA_65.publicKeyLength(), Arrays.copyOf(seed, 32));
    if (algorithm == Algorithm.ML_DSA_65) {
      return pq;
    }
    byte[] pk = Arrays.copyOf(pq, algorithm.publicKeyLength());
    Ed25519.generatePublicKey(seed, 32, pk, pq.length);
    return pk;
  }

  @Override
  protected byte[] signWithSeed(Algorithm algorithm, byte[] seed, byte[] publicKey,
      byte[] message) throws Exception {
    return signWithSeed(algorithm, seed, publicKey, message, SigningParameters.deterministic());
  }

  @Override
  protected byte[] signWithSeed(Algorithm algorithm, byte[] seed, byte[] publicKey,
      byte[] message, SigningParameters parameters) throws Exception {
    lastParameters.set(parameters);
    byte[] ctx = parameters.context();
    byte[] pq = toyPq(Arrays.copyOf(publicKey, Algorithm.ML_DSA_65.publicKeyLength()), message,
        ctx);
    if (algorithm == Algorithm.ML_DSA_65) {
      return pq;
    }
    byte[] sig = Arrays.copyOf(pq, algorithm.outputLength());
    byte[] input = concat(message, ctx);
    Ed25519.sign(seed, 32, publicKey, 1952, input, 0, input.length, sig,
        pq.length);
    return sig;
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature) {
    return verify(algorithm, publicKey, message, signature, new byte[0]);
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature, byte[] context) {
    return verifyComponents(algorithm, publicKey, message, signature, context).both();
  }

  @Override
  public ComponentVerdict verifyComponents(Algorithm algorithm, byte[] publicKey,
      byte[] message, byte[] signature, byte[] context) {
    if (publicKey == null || publicKey.length != algorithm.publicKeyLength() || message == null
        || signature == null || signature.length != algorithm.outputLength()) {
      return ComponentVerdict.NEITHER;
    }
    byte[] ctx = context == null ? new byte[0] : context;
    try {
      byte[] pq = toyPq(Arrays.copyOf(publicKey, 1952), message, ctx);
      boolean pqOk = Arrays.equals(pq, 0, pq.length, signature, 0, pq.length);
      if (algorithm == Algorithm.ML_DSA_65) {
        return new ComponentVerdict(pqOk, pqOk);
      }
      byte[] input = concat(message, ctx);
      boolean edOk = Ed25519.verify(signature, pq.length, publicKey, 1952, input, 0,
          input.length);
      return new ComponentVerdict(pqOk, edOk);
    } catch (Exception e) {
      return ComponentVerdict.NEITHER;
    }
  }

  @Override
  public Encapsulation encapsulate(Algorithm algorithm, byte[] publicKey) {
    byte[] ct = new byte[algorithm.outputLength()];
    RANDOM.nextBytes(ct);
    return new Encapsulation(ct, secret(publicKey, ct));
  }

  @Override
  public byte[] decapsulate(PrivateKeyHandle key, byte[] ciphertext) {
    return withKey(key, "decapsulate", (algorithm, seed) -> secret(key.publicKey(), ciphertext));
  }

  private static byte[] secret(byte[] publicKey, byte[] ct) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(publicKey);
      return sha.digest(ct);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] toyPq(byte[] pqPublicKey, byte[] message, byte[] ctx) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-512");
    sha.update(pqPublicKey);
    sha.update((byte) ctx.length);
    sha.update(ctx);
    return stream(Algorithm.ML_DSA_65.outputLength(), sha.digest(message));
  }

  private static byte[] stream(int length, byte[] seed) throws Exception {
    byte[] out = new byte[length];
    MessageDigest sha = MessageDigest.getInstance("SHA-512");
    for (int off = 0, block = 0; off < length; off += 64, block++) {
      sha.update(seed);
      sha.update((byte) block);
      byte[] d = sha.digest();
      System.arraycopy(d, 0, out, off, Math.min(64, length - off));
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
