package dev.ronkms.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC_EDWARDS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_EDWARDS_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EDDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.util.Arrays;
import java.util.List;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11KeyPair;
import org.xipki.pkcs11.wrapper.Session;

/**
 * The token calls for Ed25519 keys, each on a session the caller lends: make a key pair that
 * never leaves the token, find a key's objects by label and id, read the public key back, sign
 * with CKM_EDDSA, delete. PKCS#11 failures are thrown as they are, for {@link TokenSessions} to
 * type.
 */
final class TokenKeys {
  /** CKA_EC_PARAMS naming Ed25519: the OID 1.3.101.112, then the printable string form. */
  private static final List<byte[]> CURVE_PARAMS = List.of(
      new byte[] {0x06, 0x03, 0x2B, 0x65, 0x70},
      new byte[] {0x13, 0x0C, 'e', 'd', 'w', 'a', 'r', 'd', 's', '2', '5', '5', '1', '9'});
  private static final int PUBLIC_KEY_LENGTH = 32;
  private static final int SIGNATURE_LENGTH = 64;

  private TokenKeys() {}

  /** Object handles of a key found or made on a token. */
  record Found(long privateKey, long publicKey) {}

  /**
   * Generates an Ed25519 key pair on the token: both objects token objects with {@code label}
   * and {@code id}; the private one private, sensitive, not extractable, for signing only.
   */
  static Found generate(Session session, String label, byte[] id) throws PKCS11Exception {
    PKCS11Exception refused = null;
    for (byte[] params : CURVE_PARAMS) {
      KeyPairTemplate template = new KeyPairTemplate(CKK_EC_EDWARDS).token(true).labels(label)
          .id(id).signVerify(true);
      template.privateKey().private_(true).sensitive(true).extractable(false);
      template.publicKey().private_(false).ecParams(params);
      try {
        PKCS11KeyPair pair = session.generateKeyPair(
            new Mechanism(CKM_EC_EDWARDS_KEY_PAIR_GEN), template);
        return new Found(pair.getPrivateKey(), pair.getPublicKey());
      } catch (PKCS11Exception e) {
        if (TokenErrors.isGone(e) || TokenErrors.isPin(e)) {
          throw e;
        }
        refused = e;
      }
    }
    throw refused;
  }

  /** The objects of the key {@code label}/{@code id}, or null when the token holds neither. */
  static Found find(Session session, String label, byte[] id) throws PKCS11Exception {
    long privateKey = findOne(session, CKO_PRIVATE_KEY, label, id);
    long publicKey = findOne(session, CKO_PUBLIC_KEY, label, id);
    if (privateKey < 0 && publicKey < 0) {
      return null;
    }
    if (privateKey < 0 || publicKey < 0) {
      throw new KmsException(ErrorCode.KEY_NOT_FOUND, "the token holds only the "
          + (privateKey < 0 ? "public" : "private") + " object of key " + label);
    }
    return new Found(privateKey, publicKey);
  }

  /** The raw 32-byte public key of the public key object {@code publicKey}. */
  static byte[] publicKey(Session session, long publicKey) throws PKCS11Exception {
    byte[] point = session.getAttrValues(publicKey, CKA_EC_POINT).ecPoint();
    if (point != null && point.length == PUBLIC_KEY_LENGTH + 2 && point[0] == 0x04
        && point[1] == PUBLIC_KEY_LENGTH) {
      return Arrays.copyOfRange(point, 2, point.length); // a DER OCTET STRING, as SoftHSM gives
    }
    if (point != null && point.length == PUBLIC_KEY_LENGTH) {
      return point.clone();
    }
    throw new KmsException(ErrorCode.BACKEND_FAILURE, "the token returned an Ed25519 public key"
        + " of an unknown encoding (" + (point == null ? "none" : point.length + " bytes") + ")");
  }

  /** An Ed25519 signature (RFC 8032, pure) of {@code message} by {@code privateKey}. */
  static byte[] sign(Session session, long privateKey, byte[] message) throws PKCS11Exception {
    byte[] signature = session.signSingle(new Mechanism(CKM_EDDSA), privateKey, message);
    if (signature == null || signature.length != SIGNATURE_LENGTH) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "the token returned an Ed25519"
          + " signature of " + (signature == null ? "no" : signature.length) + " bytes");
    }
    return signature;
  }

  /** Deletes every key object labelled {@code label} with {@code id}; true when one was. */
  static boolean delete(Session session, String label, byte[] id) throws PKCS11Exception {
    boolean deleted = false;
    for (long type : new long[] {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY}) {
      for (long object : session.findObjectsSingle(template(type, label, id), 16)) {
        try {
          session.destroyObject(object);
          deleted = true;
        } catch (PKCS11Exception e) {
          if (!TokenErrors.isStaleObject(e)) {
            throw e;
          }
        }
      }
    }
    return deleted;
  }

  private static long findOne(Session session, long type, String label, byte[] id)
      throws PKCS11Exception {
    long[] found = session.findObjectsSingle(template(type, label, id), 2);
    if (found == null || found.length == 0) {
      return -1;
    }
    if (found.length > 1) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "the token holds more than one key"
          + " object labelled " + label);
    }
    return found[0];
  }

  private static AttributeVector template(long type, String label, byte[] id) {
    AttributeVector template = new AttributeVector().class_(type).keyType(CKK_EC_EDWARDS)
        .token(true).label(label);
    return id.length == 0 ? template : template.id(id);
  }
}
