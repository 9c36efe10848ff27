package io.engram.pcm;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The characterisation a user runs to compare the model with a real device: program a population
 * of devices to each target level, then read every device once at each time after programming.
 * Each level draws from its own stream split off the seed, so adding a time leaves the programmed
 * population unchanged.
 */
public final class DeviceCharacterisation {

  private final PcmDeviceModel model;
  private final ProgramVerify verify;

  public DeviceCharacterisation(PcmDeviceModel model, ProgramVerify verify) {
    this.model = model;
    this.verify = verify;
  }

  /**
   * One row per level and time, levels in the outer order.
   *
   * @param levels target conductances as fractions of Gmax, each in [0, 1]
   * @param timesSeconds read times after programming, each non-negative
   * @param devices population size per level, at least 2
   */
  public List<DeviceStatsRow> run(double[] levels, double[] timesSeconds, int devices, long seed) {
    if (devices < 2) {
      throw new IllegalArgumentException("need at least 2 devices per level, got " + devices);
    }
    for (double level : levels) {
      if (!(level >= 0 && level <= 1)) {
        throw new IllegalArgumentException("levels are fractions of Gmax in [0, 1], got " + level);
      }
    }
    for (double t : timesSeconds) {
      if (!(t >= 0) || !Double.isFinite(t)) {
        throw new IllegalArgumentException("times must be non-negative seconds, got " + t);
      }
    }
    SplittableRandom root = new SplittableRandom(seed);
    List<DeviceStatsRow> rows = new ArrayList<>(levels.length * timesSeconds.length);
    double[] programmed = new double[devices];
    double[] nu = new double[devices];
    double[] reads = new double[devices];
    for (double level : levels) {
      SplittableRandom rng = root.split();
      DeviceWriter writer = new DeviceWriter(model, verify, rng);
      double target = level * model.gMax();
      double nuSum = 0;
      for (int i = 0; i < devices; i++) {
        DeviceFault fault = model.drawFault(rng);
        programmed[i] = writer.write(target, fault);
        nu[i] = fault == DeviceFault.NONE ? model.driftExponent(target, rng) : 0;
        nuSum += nu[i];
      }
      double progMean = mean(programmed);
      double progStd = std(programmed, progMean);
      for (double t : timesSeconds) {
        for (int i = 0; i < devices; i++) {
          reads[i] = model.read(model.drift(programmed[i], nu[i], t), programmed[i], t, rng);
        }
        double readMean = mean(reads);
        rows.add(
            new DeviceStatsRow(
                level, t, progMean, progStd, readMean, std(reads, readMean), nuSum / devices));
      }
    }
    return rows;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double std(double[] x, double mean) {
    double s = 0;
    for (double v : x) {
      s += (v - mean) * (v - mean);
    }
    return Math.sqrt(s / (x.length - 1));
  }
}
