package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.assertCode;
import static dev.ronkms.Fixtures.kms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.Signed;
import dev.ronkms.providers.ProviderInfo;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.store.KeystoreStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A key record names its provider, and every call on the key goes to that provider. */
class RoutingTest {

  @Test
  void keysStayWithTheProviderThatMadeThem() {
    TestProvider a = new TestProvider("a");
    TestProvider b = new TestProvider("b");
    try (Kms kms = Kms.builder().classLoader(Fixtures.NOTHING).addProvider(a).addProvider(b)
        .provider(Algorithm.ED25519, "a").build()) {
      KeyId key = kms.create("acme", "routing", Algorithm.ED25519);
      assertEquals("a", kms.attest(key).provider());
      kms.rotate(key);
      kms.sign(key, MSG);
      assertEquals(2, a.made().size());
      assertEquals(List.of(), b.made(), "b never saw the key");
      List<ProviderInfo> infos = kms.providers();
      assertEquals(List.of("a", "b"), infos.stream().map(ProviderInfo::name).sorted().toList());
      assertEquals(List.of("a"),
          infos.stream().filter(ProviderInfo::selected).map(ProviderInfo::name).toList());
      assertEquals("a", kms.provider(Algorithm.ED25519));
    }
  }

  @Test
  void aKeyPlacedOnANamedProviderLivesBesideKeysOfTheSelectedOne() {
    TestProvider a = new TestProvider("a");
    TestProvider b = new TestProvider("b");
    try (Kms kms = Kms.builder().classLoader(Fixtures.NOTHING).addProvider(a).addProvider(b)
        .provider(Algorithm.ED25519, "a").build()) {
      KeyId onA = kms.create("acme", "soft", Algorithm.ED25519);
      KeyId onB = kms.create("acme", "token", Algorithm.ED25519, KeyOptions.defaults(), "b");
      assertEquals("a", kms.attest(onA).provider());
      assertEquals("b", kms.attest(onB).provider());
      kms.rotate(onB);
      assertTrue(kms.verify(kms.sign(onB, MSG), MSG));
      assertEquals(1, a.made().size());
      assertEquals(2, b.made().size(), "b made both versions of its key");
      assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> kms.create("acme", "x", Algorithm.ED25519,
          KeyOptions.defaults(), "c"));
      assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> kms.create("acme", "x",
          Algorithm.AES_256_GCM, KeyOptions.defaults(), "a"), "a does not serve AES");
      assertEquals(2, kms.list().size(), "the refused creates stored nothing");
    }
  }

  @Test
  void anExistingKeyIsServedByItsProviderWhicheverIsSelected() {
    TestProvider a = new TestProvider("a");
    TestProvider b = new TestProvider("b");
    KeystoreStore store = new CloseZeroisesTest.FailingStore();
    Kms first = kms(store, a, b);
    KeyId key = first.create("acme", "moved", Algorithm.ED25519);
    Kms second = kms(store, b, a); // b selected for new keys now
    Signed s = second.sign(key, MSG);
    assertTrue(second.verify(s, MSG));
    second.rotate(key);
    assertEquals(2, a.made().size(), "sign and rotate went to a, which holds the key");
    assertEquals(List.of(), b.made());
    KeyId fresh = second.create("acme", "new", Algorithm.ED25519);
    assertEquals("b", second.attest(fresh).provider());

    Kms withoutA = kms(store, b);
    assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> withoutA.sign(key, MSG));
    assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> withoutA.rotate(key));
    assertTrue(withoutA.verify(s, MSG), "verification needs only the public key");
    assertEquals(2, withoutA.attest(key).versions().size(), "refusals changed nothing");
    first.close();
  }

  @Test
  void aHandleFromOneProviderIsRefusedByAnother() {
    TestProvider a = new TestProvider("a");
    TestProvider b = new TestProvider("b");
    PrivateKeyHandle h = a.generate(Algorithm.ED25519);
    assertTrue(a.verify(Algorithm.ED25519, h.publicKey(), MSG, a.sign(h, MSG)));
    assertCode(ErrorCode.PROVIDER_MISMATCH, () -> b.sign(h, MSG));
    assertCode(ErrorCode.PROVIDER_MISMATCH, () -> a.sign(null, MSG));
    assertFalse(h.isDestroyed());
    h.close();
    assertCode(ErrorCode.VERSION_DESTROYED, () -> a.sign(h, MSG));
    assertEquals(List.of(), b.made());
  }
}
