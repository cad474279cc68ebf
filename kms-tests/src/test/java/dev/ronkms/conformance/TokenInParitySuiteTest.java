package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.pkcs11.testing.SoftHsm;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.SignatureProvider;
import org.junit.jupiter.api.Test;

/**
 * The PKCS#11 token provider is one of the backends every parity test runs against, whenever
 * SoftHSM2 is on the machine: skipped with the reason otherwise, a failure under {@code CI=true}.
 */
class TokenInParitySuiteTest {

  @Test
  void theTokenProviderIsABackendOfTheSuite() {
    SoftHsm.assumeAvailable();
    SignatureProvider token = Backends.ed25519().stream()
        .filter(p -> p.name().equals("pkcs11")).findFirst()
        .orElseThrow(() -> new AssertionError("SoftHSM2 is here but the pkcs11 provider was not"
            + " discovered: " + Backends.ed25519()));
    assertTrue(token.capabilities().contains(Capability.HARDWARE_BACKED));
    assertTrue(token.capabilities().contains(Capability.NON_EXTRACTABLE_KEYS));
  }
}
