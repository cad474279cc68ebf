package dev.ronkms.conformance;

import dev.ronkms.pkcs11.testing.SoftHsm;
import java.util.Optional;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Before any test runs: makes a SoftHSM2 token and publishes it as the {@code ron.kms.pkcs11.*}
 * system properties, so that the token provider is among the providers ServiceLoader finds and
 * every parity test runs against it too. Without SoftHSM2 the suite runs without it, says so
 * here, and {@link TokenInParitySuiteTest} is skipped (a failure under {@code CI=true}).
 */
public final class TokenForDiscovery implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    Optional<String> absent = SoftHsm.publishForDiscovery();
    absent.ifPresent(reason -> System.err.println("kms-tests: the parity suite runs without the"
        + " PKCS#11 token provider: " + reason));
  }
}
