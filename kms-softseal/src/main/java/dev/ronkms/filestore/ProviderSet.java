package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.providers.Providers;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.SealingProvider;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.store.KeyRecordCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The providers a file store seals and unseals private keys with, found by the name each record
 * gives. Immutable.
 */
final class ProviderSet implements KeyRecordCodec.ProviderLookup {
  private final List<KeyProvider> all;

  private ProviderSet(List<KeyProvider> all) {
    this.all = List.copyOf(all);
  }

  /** Every signature, sealing and KEM provider {@code loader} finds through ServiceLoader. */
  static ProviderSet discover(ClassLoader loader) {
    List<KeyProvider> found = new ArrayList<>();
    found.addAll(Providers.discover(SignatureProvider.class, loader));
    found.addAll(Providers.discover(SealingProvider.class, loader));
    found.addAll(Providers.discover(KemProvider.class, loader));
    return new ProviderSet(found);
  }

  /** Exactly {@code providers}. */
  static ProviderSet of(List<? extends KeyProvider> providers) {
    return new ProviderSet(new ArrayList<>(providers));
  }

  @Override
  public KeyProvider provider(String name, Algorithm algorithm) {
    return Providers.holderOf(name, algorithm, all).orElseThrow(() -> new KmsException(ErrorCode.PROVIDER_NOT_FOUND, "the file store has no provider '"
        + name + "' for " + algorithm.id() + "; present: " + names()));
  }

  private String names() {
    return all.isEmpty() ? "(none)"
        : all.stream().map(KeyProvider::name).distinct().collect(Collectors.joining(", "));
  }
}
