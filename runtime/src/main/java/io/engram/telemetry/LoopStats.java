package io.engram.telemetry;

/**
 * The control loop's own timing figures since it started, as the loop's histogram holds them.
 *
 * @param iterations loop iterations run
 * @param targetPeriodUs the configured period (us)
 * @param p50Us median period (us)
 * @param p90Us 90th percentile of the period (us)
 * @param p99Us 99th percentile of the period (us)
 * @param p999Us 99.9th percentile of the period (us)
 * @param maxUs longest period (us)
 * @param overruns iterations that took longer than the period
 * @param longestOverrunStreak the longest run of consecutive overruns
 */
public record LoopStats(
    long iterations,
    double targetPeriodUs,
    double p50Us,
    double p90Us,
    double p99Us,
    double p999Us,
    double maxUs,
    long overruns,
    long longestOverrunStreak) {}
