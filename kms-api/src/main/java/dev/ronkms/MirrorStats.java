package dev.ronkms;

/**
 * What verification of composite keys in {@link dev.ronkms.keys.CompositeMode#MIRROR} has seen
 * since the key manager was built: how many signatures were checked, and how many of them had
 * an ML-DSA half that did not verify (the Ed25519 half decided those). A rising failure count
 * means signers or verifiers disagree on ML-DSA: find out why before switching keys to
 * {@code REQUIRE}.
 *
 * @param checked mirror-mode verifications
 * @param postQuantumFailures those whose ML-DSA half failed
 */
public record MirrorStats(long checked, long postQuantumFailures) {}
