package io.engram.control;

import org.HdrHistogram.Histogram;

/**
 * Timing of the control loop in HdrHistogram histograms (nanoseconds, 3 significant digits, fixed
 * range up to 10 s, so recording never resizes or allocates) and the overrun counters. Written by
 * the loop's thread; read after a run.
 */
public final class LoopStatistics {

  private static final long HIGHEST_NANOS = 10_000_000_000L;

  private final long nominalPeriodNanos;
  private final Histogram period = new Histogram(1, HIGHEST_NANOS, 3);
  private final Histogram jitter = new Histogram(1, HIGHEST_NANOS, 3);
  private final Histogram latency = new Histogram(1, HIGHEST_NANOS, 3);
  private long iterations;
  private long overruns;
  private long skippedPeriods;
  private long overrunStreak;
  private long longestOverrunStreak;

  public LoopStatistics(long nominalPeriodNanos) {
    this.nominalPeriodNanos = nominalPeriodNanos;
  }

  /** Forgets everything recorded. */
  public void reset() {
    period.reset();
    jitter.reset();
    latency.reset();
    iterations = 0;
    overruns = 0;
    skippedPeriods = 0;
    overrunStreak = 0;
    longestOverrunStreak = 0;
  }

  /** Adds what {@code other} recorded to this (to sum several runs). */
  public void add(LoopStatistics other) {
    period.add(other.period);
    jitter.add(other.jitter);
    latency.add(other.latency);
    iterations += other.iterations;
    overruns += other.overruns;
    skippedPeriods += other.skippedPeriods;
    longestOverrunStreak = Math.max(longestOverrunStreak, other.longestOverrunStreak);
  }

  /** Records one iteration's latency (ns). Does not allocate. */
  public void iteration(long latencyNanos) {
    iterations++;
    latency.recordValue(clamp(latencyNanos));
  }

  /** Records one period (ns, start to start). Does not allocate. */
  public void period(long periodNanos) {
    period.recordValue(clamp(periodNanos));
    jitter.recordValue(clamp(Math.abs(periodNanos - nominalPeriodNanos)));
  }

  /** Counts one overrun that dropped {@code skipped} period boundaries; returns the streak. */
  long overrun(long skipped) {
    overruns++;
    skippedPeriods += skipped;
    overrunStreak++;
    longestOverrunStreak = Math.max(longestOverrunStreak, overrunStreak);
    return overrunStreak;
  }

  void onTime() {
    overrunStreak = 0;
  }

  private static long clamp(long nanos) {
    return Math.max(1, Math.min(HIGHEST_NANOS, nanos));
  }

  public long iterations() {
    return iterations;
  }

  public long overruns() {
    return overruns;
  }

  public long skippedPeriods() {
    return skippedPeriods;
  }

  public long longestOverrunStreak() {
    return longestOverrunStreak;
  }

  /** The period histogram (ns); live, read it after a run. */
  public Histogram periods() {
    return period;
  }

  /** The latency histogram (ns); live, read it after a run. */
  public Histogram latencies() {
    return latency;
  }

  /** Percentiles so far. */
  public LoopTimingSummary summary() {
    return new LoopTimingSummary(
        period.getTotalCount(),
        us(period, 50),
        us(period, 99),
        us(period, 99.9),
        period.getTotalCount() == 0 ? 0 : period.getMaxValue() / 1e3,
        us(jitter, 99),
        us(latency, 50),
        us(latency, 99),
        us(latency, 99.9),
        latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1e3);
  }

  private static double us(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e3;
  }
}
