package dev.ronkms.pq.composite;

import dev.ronkms.keys.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The message representative both halves of a composite signature sign
 * (draft-ietf-lamps-pq-composite-sigs, "Prefix, Label and CTX"):
 *
 * <pre>
 * M' = Prefix || Label || len(ctx) || ctx || SHA-512(M)
 * </pre>
 *
 * with Prefix the 32 ASCII bytes {@code CompositeAlgorithmSignatures2025}, Label the algorithm's
 * ASCII label ({@link CompositeParameters#label()}), len(ctx) one byte and ctx at most 255
 * bytes. The ML-DSA half signs M' with the Label as its FIPS 204 context; the Ed25519 half signs
 * M' (pure Ed25519). Stateless (one SHA-512 object per thread) and thread-safe.
 */
public final class CompositeMessage {

  /** The longest application context a composite signature takes. */
  public static final int MAX_CONTEXT_LENGTH = 255;

  private static final byte[] PREFIX =
      "CompositeAlgorithmSignatures2025".getBytes(StandardCharsets.US_ASCII);

  /** One SHA-512 per thread ({@code digest} resets it; it only ever hashes messages). */
  private static final ThreadLocal<MessageDigest> SHA512 =
      ThreadLocal.withInitial(CompositeMessage::newSha512);

  private CompositeMessage() {}

  /**
   * The 32-byte Prefix, hex {@code 436F6D706F73697465416C676F726974686D5369676E61747572657332303235}
   * (a fresh copy).
   *
   * @return the 32-byte Prefix, hex {@code
   *     436F6D706F73697465416C676F726974686D5369676E61747572657332303235} (a fresh copy)
   */
  public static byte[] prefix() {
    return PREFIX.clone();
  }

  /**
   * M' for {@code message} under {@code context} (null or empty for none).
   *
   * @param algorithm the algorithm
   * @param message the message
   * @param context the context string (null or empty for none)
   * @return M' for {@code message} under {@code context} (null or empty for none)
   * @throws IllegalArgumentException for a non-composite algorithm, a null message or a context
   *     longer than {@value #MAX_CONTEXT_LENGTH} bytes
   */
  public static byte[] representative(Algorithm algorithm, byte[] message, byte[] context) {
    return representative(CompositeParameters.of(algorithm), message, context);
  }

  static byte[] representative(CompositeParameters parameters, byte[] message, byte[] context) {
    if (message == null) {
      throw new IllegalArgumentException("message is null");
    }
    byte[] ctx = context == null ? new byte[0] : context;
    if (ctx.length > MAX_CONTEXT_LENGTH) {
      throw new IllegalArgumentException("context longer than " + MAX_CONTEXT_LENGTH + " bytes");
    }
    byte[] label = parameters.label();
    byte[] hash = SHA512.get().digest(message);
    byte[] out = new byte[PREFIX.length + label.length + 1 + ctx.length + hash.length];
    int at = 0;
    System.arraycopy(PREFIX, 0, out, at, PREFIX.length);
    at += PREFIX.length;
    System.arraycopy(label, 0, out, at, label.length);
    at += label.length;
    out[at++] = (byte) ctx.length;
    System.arraycopy(ctx, 0, out, at, ctx.length);
    at += ctx.length;
    System.arraycopy(hash, 0, out, at, hash.length);
    return out;
  }

  private static MessageDigest newSha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is missing from this JDK", e);
    }
  }
}
