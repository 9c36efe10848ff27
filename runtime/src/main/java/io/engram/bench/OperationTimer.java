package io.engram.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.HdrHistogram.Histogram;

/**
 * Times an operation on the calling thread for {@code engram bench}: a warm-up, then every call
 * timed on its own into a latency histogram, with the bytes the thread allocated meanwhile (from
 * the JVM's per-thread counter, where it has one). A harness for the board, where JMH is not
 * installed; the JMH benchmarks remain the reference figures.
 */
public final class OperationTimer {

  /**
   * What one operation measured.
   *
   * @param operations calls timed
   * @param meanNanos mean time per call, the overhead of one System.nanoTime() call included
   * @param bytesPerOperation allocated per call on the timing thread; NaN where not counted
   */
  public record Measurement(
      String name, long operations, double meanNanos, long p50Nanos, long p99Nanos, long maxNanos,
      double bytesPerOperation) {

    /** This measurement's mean time over {@code baseline}'s. */
    public double ratioTo(Measurement baseline) {
      return meanNanos / baseline.meanNanos;
    }
  }

  private final Duration warmup;
  private final Duration duration;
  private final com.sun.management.ThreadMXBean threads;
  private volatile double sink;

  /** Each operation warms up for {@code warmup}, then is timed for {@code duration}. */
  public OperationTimer(Duration warmup, Duration duration) {
    this.warmup = warmup;
    this.duration = duration;
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    com.sun.management.ThreadMXBean counting = null;
    if (bean instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
      t.setThreadAllocatedMemoryEnabled(true);
      counting = t;
    }
    this.threads = counting;
  }

  /** Warms up and times {@code operation}; at least one call is timed. */
  public Measurement measure(String name, DoubleSupplier operation) {
    double acc = 0;
    long end = System.nanoTime() + warmup.toNanos();
    while (System.nanoTime() < end) {
      acc += operation.getAsDouble();
    }
    Histogram histogram = new Histogram(3_600_000_000_000L, 3);
    long id = Thread.currentThread().getId();
    long bytesBefore = threads != null ? threads.getThreadAllocatedBytes(id) : 0;
    long count = 0;
    long total = 0;
    long stop = System.nanoTime() + duration.toNanos();
    long now;
    do {
      long start = System.nanoTime();
      acc += operation.getAsDouble();
      now = System.nanoTime();
      histogram.recordValue(now - start);
      total += now - start;
      count++;
    } while (now < stop);
    long bytesAfter = threads != null ? threads.getThreadAllocatedBytes(id) : 0;
    sink = acc;
    return new Measurement(name, count, total / (double) count,
        histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), histogram.getMaxValue(),
        threads != null ? (bytesAfter - bytesBefore) / (double) count : Double.NaN);
  }
}
