package dev.ronkms.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;

import java.util.ArrayList;
import java.util.List;
import org.xipki.pkcs11.wrapper.AttributeVector;

/** What a test sees on the token, through a provider's sessions. */
final class TokenObjects {
  private TokenObjects() {}

  /** The labels of every key object (private and public) on the provider's token. */
  static List<String> labels(Pkcs11Ed25519Provider provider) {
    return provider.sessions().call("list", (session, generation) -> {
      List<String> labels = new ArrayList<>();
      for (long object : session.findObjectsSingle(new AttributeVector().token(true), 10_000)) {
        labels.add(session.getAttrValues(object, CKA_LABEL).label());
      }
      return labels;
    });
  }

  /** How many key objects have a label starting with {@code prefix}. */
  static long count(Pkcs11Ed25519Provider provider, String prefix) {
    return labels(provider).stream().filter(l -> l != null && l.startsWith(prefix)).count();
  }
}
