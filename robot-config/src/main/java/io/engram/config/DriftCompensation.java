package io.engram.config;

/** How outputs are corrected for conductance drift. */
public enum DriftCompensation {
  NONE,
  /** One factor r0 / r(t) from a probe read through the whole array. */
  GLOBAL,
  /** One factor per column. */
  PER_COLUMN
}
