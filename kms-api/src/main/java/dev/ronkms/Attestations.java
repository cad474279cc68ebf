package dev.ronkms;

import dev.ronkms.keys.Attestation;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.util.ArrayList;
import java.util.List;

/** Builds the public {@link Attestation} of a stored record. */
final class Attestations {
  private Attestations() {}

  static Attestation of(KeyRecord record) {
    List<Attestation.VersionInfo> infos = new ArrayList<>();
    for (KeyVersion v : record.versions()) {
      infos.add(new Attestation.VersionInfo(v.number(), v.state(), v.createdAt(),
          v.fingerprint()));
    }
    return new Attestation(record.id(), record.id().algorithm(), record.provider().orElse(""),
        record.verifyOnly(), record.exportPolicy(), record.revision(), record.head(),
        record.minVerifyVersion(), infos, record.options().signatureVariant(),
        record.options().compositeMode());
  }
}
