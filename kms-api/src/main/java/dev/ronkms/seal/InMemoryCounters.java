package dev.ronkms.seal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link CounterStore#inMemory()}: one atomic counter per context, never written anywhere. */
final class InMemoryCounters implements CounterStore {
  private final ConcurrentHashMap<RollbackContext, AtomicLong> marks = new ConcurrentHashMap<>();

  @Override
  public long increment(RollbackContext context) {
    return marks.computeIfAbsent(context, c -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public long raise(RollbackContext context, long value) {
    AtomicLong mark = marks.computeIfAbsent(context, c -> new AtomicLong());
    return mark.getAndAccumulate(value, Math::max);
  }

  @Override
  public String toString() {
    return "InMemoryCounters[" + marks.size() + " contexts]";
  }
}
