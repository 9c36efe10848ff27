package io.engram.crossbar;

/** How an array draws read noise when it computes a product. */
public enum ReadNoiseMode {
  /**
   * Every device read in a product gets its own draw and is rectified at 0, exactly as the device
   * model says.
   */
  EXACT,
  /**
   * One draw per column: a normal with the mean and variance of the exact column sum (each device's
   * rectified read moments, summed over the active rows). Exact in the first two moments; differs
   * from EXACT only in the shape of the distribution.
   */
  FAST
}
