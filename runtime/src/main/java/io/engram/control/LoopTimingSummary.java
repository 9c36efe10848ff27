package io.engram.control;

/**
 * Percentiles of the loop's period (start to start of consecutive iterations) and of its latency
 * (read to end of write within one iteration), in microseconds.
 *
 * @param samples periods measured
 * @param periodP50Us median period
 * @param periodP99Us 99th percentile period
 * @param periodP999Us 99.9th percentile period
 * @param periodMaxUs longest period
 * @param jitterP99Us 99th percentile of |period - nominal period|
 * @param latencyP50Us median iteration latency
 * @param latencyP99Us 99th percentile iteration latency
 * @param latencyP999Us 99.9th percentile iteration latency
 * @param latencyMaxUs longest iteration latency
 */
public record LoopTimingSummary(
    long samples,
    double periodP50Us,
    double periodP99Us,
    double periodP999Us,
    double periodMaxUs,
    double jitterP99Us,
    double latencyP50Us,
    double latencyP99Us,
    double latencyP999Us,
    double latencyMaxUs) {}
