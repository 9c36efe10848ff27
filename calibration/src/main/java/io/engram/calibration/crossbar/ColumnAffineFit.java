package io.engram.calibration.crossbar;

import io.engram.crossbar.CrossbarArray;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Fits the per-column affine output correction from probe reads. With the array holding known
 * weights and the correction reset to identity, random spike patterns (each row active with a
 * given probability) are applied; per column, a least-squares line {@code measured = g expected
 * + o} is fitted (the read noise sits in the measured side, so the slope is not attenuated) and
 * inverted into the correction {@code gain = 1 / g}, {@code offset = -o / g}. Fresh probes then
 * check each column: a correction that does not lower a column's error is dropped. Probe patterns
 * should be as sparse as the network's spikes, so the columns stay inside the ADC's range.
 */
public final class ColumnAffineFit {

  /**
   * The fitted correction and how well the array matched before and after it.
   *
   * @param gain per-column gain
   * @param offset per-column offset
   * @param rmsErrorBefore root-mean-square output error over the probes, uncorrected
   * @param rmsErrorAfter the same with the correction applied (on the validation probes)
   */
  public record Result(double[] gain, double[] offset, double rmsErrorBefore, double rmsErrorAfter) {}

  private ColumnAffineFit() {}

  /**
   * Fits on {@code array}, which holds {@code weights} (row-major) already; leaves the correction
   * at identity (the caller applies the result).
   */
  public static Result fit(CrossbarArray array, double[] weights, int probes, double activity,
      long seed) {
    int rows = array.rows();
    int cols = array.columns();
    double[] ones = new double[cols];
    Arrays.fill(ones, 1);
    array.correctColumns(ones, new double[cols]);
    SplittableRandom rng = new SplittableRandom(seed);
    int[] active = new int[rows];
    double[] measured = new double[cols];
    double[] expected = new double[cols];
    double[] sx = new double[cols];
    double[] sy = new double[cols];
    double[] sxx = new double[cols];
    double[] sxy = new double[cols];
    for (int p = 0; p < probes; p++) {
      int n = pattern(rng, activity, active, rows);
      Arrays.fill(measured, 0);
      array.accumulateRows(active, n, measured);
      expected(array, weights, active, n, expected);
      for (int c = 0; c < cols; c++) {
        double x = expected[c];
        double y = measured[c];
        sx[c] += x;
        sy[c] += y;
        sxx[c] += x * x;
        sxy[c] += x * y;
      }
    }
    double[] gain = new double[cols];
    double[] offset = new double[cols];
    for (int c = 0; c < cols; c++) {
      double varX = sxx[c] - sx[c] * sx[c] / probes;
      double cov = sxy[c] - sx[c] * sy[c] / probes;
      double g = varX > 0 ? cov / varX : 1;
      if (!(g > 0.2 && g < 5)) {
        g = 1; // a column the probes cannot excite is left alone
      }
      double o = (sy[c] - g * sx[c]) / probes;
      gain[c] = 1 / g;
      offset[c] = -o / g;
    }
    // Validate on fresh probes: a column whose correction does not lower its error keeps none.
    double[] before = new double[cols];
    double[] after = new double[cols];
    SplittableRandom check = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int p = 0; p < probes; p++) {
      int n = pattern(check, activity, active, rows);
      Arrays.fill(measured, 0);
      array.accumulateRows(active, n, measured);
      expected(array, weights, active, n, expected);
      for (int c = 0; c < cols; c++) {
        double e0 = measured[c] - expected[c];
        double e1 = gain[c] * measured[c] + offset[c] - expected[c];
        before[c] += e0 * e0;
        after[c] += e1 * e1;
      }
    }
    double sumBefore = 0;
    double sumAfter = 0;
    for (int c = 0; c < cols; c++) {
      if (after[c] >= before[c]) {
        gain[c] = 1;
        offset[c] = 0;
        after[c] = before[c];
      }
      sumBefore += before[c];
      sumAfter += after[c];
    }
    double norm = (double) probes * cols;
    return new Result(gain, offset, Math.sqrt(sumBefore / norm), Math.sqrt(sumAfter / norm));
  }

  private static int pattern(SplittableRandom rng, double activity, int[] active, int rows) {
    int n = 0;
    for (int r = 0; r < rows; r++) {
      if (rng.nextDouble() < activity) {
        active[n++] = r;
      }
    }
    return n;
  }

  private static void expected(CrossbarArray array, double[] weights, int[] active, int n,
      double[] out) {
    int cols = array.columns();
    Arrays.fill(out, 0);
    for (int i = 0; i < n; i++) {
      int base = active[i] * cols;
      for (int c = 0; c < cols; c++) {
        if (!array.isUnused(active[i], c)) {
          out[c] += weights[base + c];
        }
      }
    }
  }
}
