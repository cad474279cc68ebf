package dev.ronkms.store;

import dev.ronkms.keys.KeyId;
import java.util.List;
import java.util.Optional;

/**
 * Where key records live. The engine reads a record, computes the next one, and writes it back
 * with a compare-and-set on the record's revision.
 *
 * <p>Contract every implementation must keep:
 * <ul>
 *   <li>{@link #save} is atomic: a concurrent {@link #load} sees the old record or the new one,
 *       never a mix; of two saves expecting the same revision exactly one wins, the other fails
 *       with {@code CONFLICT} (retryable) and changes nothing.</li>
 *   <li>A failed call leaves the store as it was.</li>
 *   <li>Thread-safe.</li>
 *   <li>A store that writes records outside the process (to disk, a database) must seal the
 *       private key material with a {@link dev.ronkms.spi.Sealer} and must never write it in
 *       the clear. The in-memory store writes nothing anywhere.</li>
 *   <li>A record read back must be rebuilt with {@link KeyRecord#of}, which checks every
 *       invariant; the engine trusts nothing else a store returns.</li>
 *   <li>{@link #close()} zeroises every private key the store holds; every later call fails with
 *       {@code CLOSED}.</li>
 * </ul>
 * Keys are always named without a version.
 */
public interface KeystoreStore extends AutoCloseable {

  /**
   * The record of {@code keyId}, if the store has it.
   *
   * @param keyId the key id
   * @return the record of {@code keyId}, if the store has it
   */
  Optional<KeyRecord> load(KeyId keyId);

  /**
   * Stores {@code record} if the stored revision equals {@code expectedRevision} (0 means "no such
   * key yet"). The record's own revision must be {@code expectedRevision + 1}.
   *
   * @param record the key record
   * @param expectedRevision the revision the caller read
   * @throws dev.ronkms.KmsException {@code CONFLICT} when the stored revision differs,
   *     {@code KEY_EXISTS} when creating a key that exists, {@code KEY_NOT_FOUND} when updating
   *     a key that does not, {@code INVALID_ARGUMENT} for a revision that is not the next one
   */
  void save(KeyRecord record, long expectedRevision);

  /**
   * Every key id in the store, sorted.
   *
   * @return every key id in the store, sorted
   */
  List<KeyId> list();

  /**
   * Removes a key and destroys its private key material.
   *
   * @param keyId the key id
   * @return true when the key existed
   */
  boolean delete(KeyId keyId);

  /** Zeroises all key material held and refuses later calls. Idempotent. */
  @Override
  void close();
}
