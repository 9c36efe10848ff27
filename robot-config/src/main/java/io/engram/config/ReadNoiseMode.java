package io.engram.config;

/** How the emulated crossbar draws read noise when it computes a product. */
public enum ReadNoiseMode {
  /** One draw per device read, rectified at 0, exactly as the device model says. */
  EXACT,
  /**
   * One draw per column, with the mean and variance of the exact column sum: much faster, and
   * different from EXACT only in the shape of the distribution.
   */
  FAST
}
