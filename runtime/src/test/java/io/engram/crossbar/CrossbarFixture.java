package io.engram.crossbar;

import io.engram.config.CrossbarPreset;
import io.engram.pcm.DeviceClock;
import io.engram.pcm.PcmDeviceModel;
import io.engram.pcm.PcmParams;
import java.util.BitSet;
import java.util.SplittableRandom;

/** Shared helpers for the crossbar tests. */
final class CrossbarFixture {

  private CrossbarFixture() {}

  /**
   * Weights shaped like the trainee's: mostly N(0, 0.3^2), a few outliers up to +-2.5 (the authors'
   * W_in reaches 2.47).
   */
  static double[] weights(int rows, int cols, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] w = new double[rows * cols];
    for (int i = 0; i < w.length; i++) {
      w[i] = rng.nextDouble() < 0.02 ? rng.nextDouble(-2.5, 2.5) : 0.3 * rng.nextGaussian();
    }
    return w;
  }

  static CrossbarArray array(int rows, int cols, CrossbarParams params, PcmParams device, long seed) {
    return new CrossbarArray(
        rows, cols, params, PcmDeviceModel.of(device), new DeviceClock(), null, seed);
  }

  static CrossbarArray array(int rows, int cols, CrossbarParams params, CrossbarPreset preset, long seed) {
    return array(rows, cols, params, PcmParams.of(preset), seed);
  }

  static CrossbarArray array(
      int rows, int cols, CrossbarParams params, CrossbarPreset preset, BitSet unused, long seed) {
    return new CrossbarArray(
        rows, cols, params, PcmDeviceModel.of(preset), new DeviceClock(), unused, seed);
  }

  /** Sum over the active rows of w[row][c], for every column. */
  static double[] product(double[] w, int cols, int[] active, int count) {
    double[] out = new double[cols];
    for (int i = 0; i < count; i++) {
      for (int c = 0; c < cols; c++) {
        out[c] += w[active[i] * cols + c];
      }
    }
    return out;
  }

  /** {@code count} distinct rows drawn from [0, rows). */
  static int[] activeRows(int rows, int count, SplittableRandom rng) {
    int[] perm = new int[rows];
    for (int i = 0; i < rows; i++) {
      perm[i] = i;
    }
    for (int i = 0; i < count; i++) {
      int j = i + rng.nextInt(rows - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return java.util.Arrays.copyOf(perm, count);
  }

  static double rms(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s / a.length);
  }
}
