package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What {@link Pkcs11Ed25519Provider#sealPrivateKey} seals for a token key: a reference to its
 * objects, never key material. Layout, exactly:
 * <pre>
 *   "RKT" | 0x01 (format) | label length (u16, 1..255) | label (UTF-8) | id length (u8, 0..64) | id
 * </pre>
 * Anything else is refused with {@code MALFORMED_KEY}.
 */
record KeyReference(String label, byte[] id) {
  static final int MAX_LABEL_BYTES = 255;
  static final int MAX_ID_BYTES = 64;
  private static final byte[] MAGIC = {'R', 'K', 'T'};
  private static final byte FORMAT = 1;

  KeyReference {
    id = id.clone();
  }

  @Override
  public byte[] id() {
    return id.clone();
  }

  /** The encoded reference. */
  byte[] encode() {
    byte[] text = label.getBytes(StandardCharsets.UTF_8);
    if (text.length == 0 || text.length > MAX_LABEL_BYTES || id.length > MAX_ID_BYTES) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a token key label is 1.."
          + MAX_LABEL_BYTES + " bytes and its id at most " + MAX_ID_BYTES);
    }
    return ByteBuffer.allocate(MAGIC.length + 1 + 2 + text.length + 1 + id.length)
        .put(MAGIC).put(FORMAT).putShort((short) text.length).put(text)
        .put((byte) id.length).put(id).array();
  }

  /** The reference in {@code bytes}. @throws KmsException MALFORMED_KEY for anything else */
  static KeyReference decode(byte[] bytes) {
    if (bytes == null || bytes.length < MAGIC.length + 4) {
      throw malformed("is too short");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    for (byte m : MAGIC) {
      if (in.get() != m) {
        throw malformed("is not a token key reference");
      }
    }
    if (in.get() != FORMAT) {
      throw malformed("has an unknown format");
    }
    int labelLength = Short.toUnsignedInt(in.getShort());
    if (labelLength == 0 || labelLength > MAX_LABEL_BYTES || in.remaining() < labelLength + 1) {
      throw malformed("has a label of a wrong length");
    }
    byte[] text = new byte[labelLength];
    in.get(text);
    int idLength = Byte.toUnsignedInt(in.get());
    if (idLength > MAX_ID_BYTES || in.remaining() != idLength) {
      throw malformed("has an id of a wrong length");
    }
    byte[] id = new byte[idLength];
    in.get(id);
    try {
      String label = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(text)).toString();
      return new KeyReference(label, id);
    } catch (CharacterCodingException e) {
      throw malformed("has a label that is not UTF-8");
    }
  }

  @Override
  public String toString() {
    return "KeyReference[" + label + "]";
  }

  private static KmsException malformed(String why) {
    return new KmsException(ErrorCode.MALFORMED_KEY, "the sealed token key reference " + why);
  }
}
