package dev.ronkms.micrometer;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsBuilder;
import dev.ronkms.events.Operation;
import dev.ronkms.events.OperationEvent;
import dev.ronkms.events.OperationListener;
import dev.ronkms.events.Outcome;
import dev.ronkms.keys.Algorithm;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Records the key operations of a {@link dev.ronkms.Kms} in a Micrometer {@link MeterRegistry}:
 * <pre>{@code
 * Kms kms = Kms.builder().listener(new KmsMetrics(registry)).build();
 * // or: KmsMetrics.bindTo(Kms.builder(), registry).build();
 * }</pre>
 *
 * <p>The meters (docs/API.md, "Metrics"), as the Prometheus naming convention renders them:
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Prometheus name</th><th>Micrometer</th><th>labels</th><th>what</th></tr>
 *   <tr><td>{@code kms_ops_total}</td><td>counter {@value #OPS}</td><td>{@code op, alg}</td>
 *       <td>every key operation, whatever its outcome</td></tr>
 *   <tr><td>{@code kms_failures_total}</td><td>counter {@value #FAILURES}</td>
 *       <td>{@code op, code}</td><td>operations that failed with a {@code KmsException}</td></tr>
 *   <tr><td>{@code kms_op_latency_seconds}</td><td>timer {@value #LATENCY}, with a
 *       histogram</td><td>{@code op}</td><td>how long each operation took</td></tr>
 *   <tr><td>{@code kms_batch_len}</td><td>distribution summary {@value #BATCH_LEN}</td>
 *       <td>none</td><td>the number of requests of each {@code verify_batch} call</td></tr>
 * </table>
 * {@code op} is {@link Operation#label()} ({@code sign}, {@code verify_batch}, ...), {@code alg}
 * the {@link Algorithm#id()} of the key ({@code ed25519}, ...) or {@code none} when the call named
 * no key that parsed (a batch spans keys), and {@code code} the {@link ErrorCode} name
 * ({@code KEY_NOT_FOUND}, ...). The label sets are fixed and bounded by those enums: there is no
 * tenant, key id, version or provider label, so the number of series cannot grow with the keys.
 *
 * <p>A {@link Outcome#NEGATIVE negative} answer (a signature that is not valid) is not a
 * failure: the operation worked and said no. It counts in {@code kms_ops_total} and the latency,
 * not in {@code kms_failures_total}.
 *
 * <p>Fail-open ({@link #failClosed()} is false): a metrics problem never fails a key operation.
 * Thread-safe; each meter is looked up in the registry once, then cached in arrays indexed by the
 * enums, so a call costs a few array reads, one counter increment and one timer record.
 */
public final class KmsMetrics implements OperationListener {

  /** Micrometer name of the operation counter; Prometheus: {@code kms_ops_total}. */
  public static final String OPS = "kms.ops";
  /** Micrometer name of the failure counter; Prometheus: {@code kms_failures_total}. */
  public static final String FAILURES = "kms.failures";
  /** Micrometer name of the latency timer; Prometheus: {@code kms_op_latency_seconds}. */
  public static final String LATENCY = "kms.op.latency";
  /** Micrometer name of the batch length summary; Prometheus: {@code kms_batch_len}. */
  public static final String BATCH_LEN = "kms.batch.len";
  /** The {@code alg} label of an operation that named no key. */
  public static final String NO_ALGORITHM = "none";

  private static final Operation[] OPERATIONS = Operation.values();
  private static final Algorithm[] ALGORITHMS = Algorithm.values();
  private static final ErrorCode[] CODES = ErrorCode.values();
  /** The latency histogram's range: a software signature up to a slow token or a large batch. */
  private static final Duration MIN_LATENCY = Duration.ofNanos(5_000);
  private static final Duration MAX_LATENCY = Duration.ofSeconds(10);

  private final MeterRegistry registry;
  /** kms.ops per (operation, algorithm or none): index op * (algorithms + 1) + alg. */
  private final AtomicReferenceArray<Counter> ops =
      new AtomicReferenceArray<>(OPERATIONS.length * (ALGORITHMS.length + 1));
  /** kms.failures per (operation, code): index op * codes + code. */
  private final AtomicReferenceArray<Counter> failures =
      new AtomicReferenceArray<>(OPERATIONS.length * CODES.length);
  /** kms.op.latency per operation. */
  private final AtomicReferenceArray<Timer> latency =
      new AtomicReferenceArray<>(OPERATIONS.length);
  private final DistributionSummary batchLength;

  /**
   * Records into {@code registry}; the meters appear as operations happen.
   *
   * @param registry the registry the meters are registered in
   */
  public KmsMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.batchLength = DistributionSummary.builder(BATCH_LEN)
        .description("The number of requests of each verify_batch call")
        .register(registry);
  }

  /**
   * Adds a new {@code KmsMetrics} on {@code registry} to {@code builder}.
   *
   * @param builder the key manager's builder
   * @param registry the registry the meters are registered in
   * @return {@code builder}
   */
  public static KmsBuilder bindTo(KmsBuilder builder, MeterRegistry registry) {
    return Objects.requireNonNull(builder, "builder").listener(new KmsMetrics(registry));
  }

  /**
   * The registry this records into.
   *
   * @return the registry given to the constructor
   */
  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public void onOperation(OperationEvent event) {
    Operation op = event.operation();
    Algorithm alg = event.algorithm();
    int algIndex = alg == null ? ALGORITHMS.length : alg.ordinal();
    opsCounter(op, algIndex).increment();
    if (event.outcome() == Outcome.FAILURE) {
      failureCounter(op, event.error()).increment();
    }
    timer(op).record(event.nanos(), TimeUnit.NANOSECONDS);
    if (op == Operation.VERIFY_BATCH) {
      batchLength.record(event.batchLength());
    }
  }

  /** Fail-open: a metrics problem never fails a key operation. */
  @Override
  public boolean failClosed() {
    return false;
  }

  private Counter opsCounter(Operation op, int algIndex) {
    int i = op.ordinal() * (ALGORITHMS.length + 1) + algIndex;
    Counter c = ops.get(i);
    if (c == null) {
      String alg = algIndex == ALGORITHMS.length ? NO_ALGORITHM : ALGORITHMS[algIndex].id();
      // the registry returns the same counter for the same name and tags, so a race is harmless
      c = Counter.builder(OPS).description("Key operations, by operation and algorithm")
          .tag("op", op.label()).tag("alg", alg).register(registry);
      ops.set(i, c);
    }
    return c;
  }

  private Counter failureCounter(Operation op, ErrorCode code) {
    int i = op.ordinal() * CODES.length + code.ordinal();
    Counter c = failures.get(i);
    if (c == null) {
      c = Counter.builder(FAILURES)
          .description("Key operations that failed, by operation and error code")
          .tag("op", op.label()).tag("code", code.name()).register(registry);
      failures.set(i, c);
    }
    return c;
  }

  private Timer timer(Operation op) {
    Timer t = latency.get(op.ordinal());
    if (t == null) {
      t = Timer.builder(LATENCY).description("Key operation latency, by operation")
          .tag("op", op.label()).publishPercentileHistogram()
          .minimumExpectedValue(MIN_LATENCY).maximumExpectedValue(MAX_LATENCY)
          .register(registry);
      latency.set(op.ordinal(), t);
    }
    return t;
  }
}
