package dev.ronkms.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import org.junit.jupiter.api.Test;

/** Each algorithm's options: defaults filled in, choices it does not have refused. */
class KeyOptionsTest {

  @Test
  void defaultsAreResolvedPerAlgorithm() {
    for (Algorithm a : Algorithm.values()) {
      KeyOptions r = KeyOptions.defaults().resolve(a);
      assertEquals(ExportPolicy.NOT_EXPORTABLE, r.exportPolicy());
      assertEquals(a.defaultVariant(), r.signatureVariant(), a.id());
      assertEquals(a.composite() ? CompositeMode.REQUIRE : null, r.compositeMode(), a.id());
      assertTrue(r.resolvedFor(a));
      assertEquals(r, r.resolve(a), "resolving twice changes nothing");
    }
    assertEquals(SignatureVariant.DETERMINISTIC, Algorithm.ED25519.defaultVariant());
    assertEquals(SignatureVariant.HEDGED, Algorithm.ML_DSA_87.defaultVariant());
    assertEquals(SignatureVariant.HEDGED, Algorithm.MLDSA44_ED25519.defaultVariant());
    assertEquals(null, Algorithm.ML_KEM_512.defaultVariant());
    assertEquals(null, Algorithm.AES_256_GCM.defaultVariant());
    assertFalse(KeyOptions.defaults().resolvedFor(Algorithm.ED25519), "variant missing");
    assertEquals(ExportPolicy.NOT_EXPORTABLE, new KeyOptions(null, null, null).exportPolicy());
  }

  @Test
  void choicesAnAlgorithmDoesNotHaveAreRefused() {
    refused(KeyOptions.defaults().with(SignatureVariant.HEDGED), Algorithm.ED25519);
    refused(KeyOptions.defaults().with(SignatureVariant.DETERMINISTIC), Algorithm.ML_KEM_768);
    refused(KeyOptions.defaults().with(SignatureVariant.HEDGED), Algorithm.AES_256_GCM);
    refused(KeyOptions.defaults().with(CompositeMode.MIRROR), Algorithm.ML_DSA_65);
    refused(KeyOptions.defaults().with(CompositeMode.REQUIRE), Algorithm.ED25519);
    KeyOptions mirror = KeyOptions.defaults().with(CompositeMode.MIRROR)
        .with(SignatureVariant.DETERMINISTIC).with(ExportPolicy.EXPORTABLE_SEALED);
    assertEquals(new KeyOptions(ExportPolicy.EXPORTABLE_SEALED, SignatureVariant.DETERMINISTIC,
        CompositeMode.MIRROR), mirror.resolve(Algorithm.MLDSA65_ED25519));
    assertFalse(mirror.resolvedFor(Algorithm.ML_DSA_65));
  }

  @Test
  void algorithmFactsForThePostQuantumSets() {
    assertTrue(Algorithm.ML_DSA_44.takesContext());
    assertTrue(Algorithm.MLDSA65_ED25519.takesContext());
    assertFalse(Algorithm.ED25519.takesContext());
    assertFalse(Algorithm.ML_KEM_768.takesContext());
    assertFalse(Algorithm.AES_256_GCM.takesContext());
    assertTrue(Algorithm.MLDSA44_ED25519.composite());
    assertFalse(Algorithm.ML_DSA_44.composite());
    assertEquals(1312 + 32, Algorithm.MLDSA44_ED25519.publicKeyLength());
    assertEquals(3309 + 64, Algorithm.MLDSA65_ED25519.outputLength());
    assertEquals(64, Algorithm.ML_KEM_1024.seedLength());
    assertEquals(1568, Algorithm.ML_KEM_1024.outputLength());
    assertEquals("[2, 16, 840, 1, 101, 3, 4, 3, 18]",
        java.util.Arrays.toString(Algorithm.ML_DSA_65.oid()));
    assertEquals("[2, 16, 840, 1, 101, 3, 4, 4, 2]",
        java.util.Arrays.toString(Algorithm.ML_KEM_768.oid()));
    assertEquals("[1, 3, 6, 1, 5, 5, 7, 6, 39]",
        java.util.Arrays.toString(Algorithm.MLDSA44_ED25519.oid()));
  }

  private static void refused(KeyOptions options, Algorithm algorithm) {
    KmsException e = assertThrows(KmsException.class, () -> options.resolve(algorithm));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertFalse(options.resolvedFor(algorithm));
  }
}
