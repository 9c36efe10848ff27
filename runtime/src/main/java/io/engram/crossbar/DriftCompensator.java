package io.engram.crossbar;

import io.engram.config.DriftCompensation;
import java.util.Arrays;

/**
 * Drift compensation from probe reads: the sums of absolute column outputs of a fixed probe, read
 * right after programming (the reference r0) and later (r(t)), give the output factors {@code
 * alpha = r0 / r(t)}, one for the array or one per column.
 */
final class DriftCompensator {

  private final DriftCompensation mode;
  private final double[] reference;
  private final double[] alpha;
  private boolean hasReference;

  DriftCompensator(DriftCompensation mode, int columns) {
    this.mode = mode;
    this.reference = new double[columns];
    this.alpha = new double[columns];
    Arrays.fill(alpha, 1);
  }

  /** True when the outputs are to be compensated at all. */
  boolean enabled() {
    return mode != DriftCompensation.NONE;
  }

  /** True once a reference was taken since the last programming. */
  boolean hasReference() {
    return hasReference;
  }

  /** Takes the probe sums read right after programming as the reference; alpha becomes 1. */
  void setReference(double[] probeSums) {
    System.arraycopy(probeSums, 0, reference, 0, reference.length);
    Arrays.fill(alpha, 1);
    hasReference = true;
  }

  /** Forgets the reference (the array is being reprogrammed); alpha becomes 1. */
  void clear() {
    Arrays.fill(alpha, 1);
    hasReference = false;
  }

  /** Sets alpha from the probe sums read now. */
  void update(double[] probeSums) {
    if (mode == DriftCompensation.GLOBAL) {
      double r0 = 0;
      double rt = 0;
      for (int c = 0; c < alpha.length; c++) {
        r0 += reference[c];
        rt += probeSums[c];
      }
      Arrays.fill(alpha, rt > 0 ? r0 / rt : 1);
    } else {
      for (int c = 0; c < alpha.length; c++) {
        alpha[c] = probeSums[c] > 0 ? reference[c] / probeSums[c] : 1;
      }
    }
  }

  double alpha(int column) {
    return alpha[column];
  }

  /** A copy of the reference probe sums, zeros without a reference. */
  double[] reference() {
    return hasReference ? reference.clone() : new double[reference.length];
  }
}
