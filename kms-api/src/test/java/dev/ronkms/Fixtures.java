package dev.ronkms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.store.KeystoreStore;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.function.Executable;

/** Shared helpers of the engine tests in kms-api. */
final class Fixtures {
  static final byte[] MSG = "hello".getBytes(StandardCharsets.UTF_8);
  /** Discovers nothing, so only the providers a test adds exist. */
  static final ClassLoader NOTHING = new URLClassLoader(new URL[0], null);

  private Fixtures() {}

  /** A key manager with exactly {@code providers}, the first selected for Ed25519. */
  static Kms kms(KeystoreStore store, SignatureProvider... providers) {
    KmsBuilder b = Kms.builder().classLoader(NOTHING);
    if (store != null) {
      b.store(store);
    }
    for (SignatureProvider p : providers) {
      b.addProvider(p);
    }
    if (providers.length > 0) {
      b.provider(Algorithm.ED25519, providers[0].name());
    }
    return b.build();
  }

  /** A builder that discovers nothing and has exactly {@code providers}. */
  static KmsBuilder builder(KeyProvider... providers) {
    KmsBuilder b = Kms.builder().classLoader(NOTHING);
    for (KeyProvider p : providers) {
      b.addProvider(p);
    }
    return b;
  }

  static KmsException assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  static KmsException assertCode(ErrorCode code, Executable call, String why) {
    KmsException e = assertThrows(KmsException.class, call, why);
    assertEquals(code, e.code(), why + ": " + e.getMessage());
    return e;
  }
}
