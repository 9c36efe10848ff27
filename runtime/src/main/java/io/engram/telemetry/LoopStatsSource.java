package io.engram.telemetry;

/**
 * Where the publisher thread pulls the loop's timing from, at the statistics rate; the loop itself
 * is never called. Implementations must be safe to call from another thread (e.g. an HdrHistogram
 * {@code Recorder} or a snapshot the loop swaps in).
 */
@FunctionalInterface
public interface LoopStatsSource {
  LoopStats loopStats();
}
