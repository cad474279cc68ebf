package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.KeyId;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest state of each key this store has seen while open: its incarnation (drawn when the
 * key was created) and the highest revision, plus the incarnations seen deleted or replaced. A
 * record file replaced by an older copy of itself (a lower revision of the same incarnation, or
 * a copy of a deleted incarnation) is refused with {@code ROLLBACK}.
 *
 * <p>Limit: the marks live in memory. A restore that happens while no store is open, such as a
 * whole directory put back from an older backup, is not detectable without external monotonic
 * state (docs/SECURITY.md, "Durable store").
 */
final class RollbackMarks {
  private record Mark(long incarnation, long revision, Set<Long> retired) {}

  private final ConcurrentHashMap<KeyId, Mark> marks = new ConcurrentHashMap<>();

  /**
   * Checks a record file's incarnation and revision against what was seen.
   *
   * @throws KmsException {@code ROLLBACK} for an older copy
   */
  void check(KeyId id, long incarnation, long revision) {
    Mark m = marks.get(id);
    if (m == null) {
      return;
    }
    if (m.retired().contains(incarnation)) {
      throw new KmsException(ErrorCode.ROLLBACK, "the record file of " + id + " is a copy of a"
          + " deleted or replaced key; this store has seen a newer one");
    }
    if (m.incarnation() == incarnation && revision < m.revision()) {
      throw new KmsException(ErrorCode.ROLLBACK, "the record file of " + id + " is at revision "
          + revision + ", older than revision " + m.revision() + " this store has seen");
    }
  }

  /** Records that the file of {@code id} now holds {@code incarnation} at {@code revision}. */
  void admit(KeyId id, long incarnation, long revision) {
    marks.merge(id, new Mark(incarnation, revision, Set.of()), (old, mark) -> {
      if (old.incarnation() == incarnation) {
        return new Mark(incarnation, Math.max(revision, old.revision()), old.retired());
      }
      Set<Long> retired = new HashSet<>(old.retired());
      retired.add(old.incarnation());
      return new Mark(incarnation, revision, retired);
    });
  }

  /** Records that the file of {@code id} holding {@code incarnation} was deleted. */
  void retire(KeyId id, long incarnation) {
    marks.compute(id, (k, old) -> {
      Set<Long> retired = new HashSet<>(old == null ? Set.of() : old.retired());
      retired.add(incarnation);
      return new Mark(incarnation, Long.MAX_VALUE, retired);
    });
  }
}
