package io.engram.crossbar;

/**
 * Drift compensation from probe reads: the array reads every row alone (a one-hot probe) right
 * after programming, sums the absolute column outputs into a reference r0, reads the probe again
 * before use and scales its outputs by {@code alpha = r0 / r(t)}.
 */
public enum DriftCompensation {
  NONE,
  /** One factor for the whole array, from the sum over all columns. */
  GLOBAL,
  /** One factor per column. */
  COLUMN
}
