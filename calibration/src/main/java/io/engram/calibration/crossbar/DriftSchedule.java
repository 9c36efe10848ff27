package io.engram.calibration.crossbar;

import io.engram.crossbar.CrossbarArray;
import io.engram.pcm.PcmDeviceModel;
import java.util.List;

/**
 * When to refresh the drift-compensation probe reads. Drift is a power law in the device age, so
 * between a probe at age t1 and a later age t the outputs shrink by about {@code (t / t1)^-nu};
 * keeping that below a tolerance calls for a refresh whenever the age has grown by the ratio
 * {@code exp(tolerance / nu)}, with nu the mean drift exponent of the programmed devices. The
 * schedule is geometric: ages t0, t0 r, t0 r^2, ...
 */
public final class DriftSchedule {

  private DriftSchedule() {}

  /**
   * The refresh ratio for an array holding {@code weights}: the mean drift exponent follows from
   * the devices' target conductances as the array encodes them.
   */
  public static double refreshRatio(CrossbarArray array, double[] weights, double tolerance) {
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance must lie in (0, 1)");
    }
    double nu = meanDriftExponent(array, weights);
    return nu > 0 ? Math.exp(tolerance / nu) : Double.MAX_VALUE;
  }

  /** The mean drift exponent (the model's mean, per device) of the programmed devices. */
  public static double meanDriftExponent(CrossbarArray array, double[] weights) {
    PcmDeviceModel model = array.model();
    if (model.params().driftScale() == 0) {
      return 0;
    }
    List<Integer> factors = array.params().pairFactors();
    int sum = factors.stream().mapToInt(Integer::intValue).sum();
    int cols = array.columns();
    double total = 0;
    long devices = 0;
    for (int i = 0; i < weights.length; i++) {
      if (array.isUnused(i / cols, i % cols) || weights[i] == 0) {
        continue;
      }
      // Fraction of Gmax each pair's active device is written to, least significant first.
      double m = Math.min(1, Math.abs(weights[i]) / array.weightMax(i % cols)) * sum;
      for (int f : factors) {
        double g = Math.min(1, m / f);
        if (g > 0) {
          total += model.driftMu(g * model.gMax()) * model.params().driftScale();
          devices++;
        }
        m = Math.max(0, m - f);
      }
    }
    return devices == 0 ? 0 : total / devices;
  }

  /** The device ages (s) of the first {@code count} refreshes after programming. */
  public static double[] ages(double firstAgeSeconds, double ratio, int count) {
    double[] out = new double[count];
    double t = firstAgeSeconds;
    for (int i = 0; i < count; i++) {
      out[i] = t;
      t *= ratio;
    }
    return out;
  }
}
