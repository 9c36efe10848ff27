package io.engram.calibration.crossbar;

import io.engram.pcm.DeviceFault;
import io.engram.pcm.DeviceWriter;
import io.engram.pcm.PcmDeviceModel;
import io.engram.pcm.ProgramVerify;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The program-and-verify tuning report: for pulse budgets 1..N at one tolerance, writes the same
 * sample of target conductances (uniform over [0, Gmax]) and measures the residual error of what
 * the devices hold, the pulses spent and how many writes ended outside tolerance. The chosen budget
 * is the smallest whose residual lies within 5 % of the best.
 */
public final class VerifyTuning {

  /**
   * One pulse budget's outcome.
   *
   * @param pulses the budget (1 = single shot)
   * @param rmsResidualUs root-mean-square |programmed - target| (uS)
   * @param meanPulses pulses spent per write
   * @param unverifiedFraction writes that ended without a verify read in tolerance
   */
  public record Row(int pulses, double rmsResidualUs, double meanPulses, double unverifiedFraction) {}

  /**
   * The report.
   *
   * @param toleranceUs the verify tolerance used
   * @param rows one row per budget, ascending
   * @param chosenPulses the budget chosen
   */
  public record Report(double toleranceUs, List<Row> rows, int chosenPulses) {}

  private VerifyTuning() {}

  /** Tunes on {@code devices} sample writes per budget, budgets 1 to {@code maxPulses}. */
  public static Report run(PcmDeviceModel model, double toleranceUs, int maxPulses, int devices,
      long seed) {
    if (maxPulses < 1 || devices < 1) {
      throw new IllegalArgumentException("at least one pulse and one device");
    }
    double[] targets = new double[devices];
    SplittableRandom pick = new SplittableRandom(seed);
    for (int i = 0; i < devices; i++) {
      targets[i] = pick.nextDouble() * model.gMax();
    }
    List<Row> rows = new ArrayList<>();
    for (int n = 1; n <= maxPulses; n++) {
      ProgramVerify pv = n == 1 ? ProgramVerify.SINGLE_SHOT : new ProgramVerify(n, toleranceUs);
      DeviceWriter writer = new DeviceWriter(model, pv, new SplittableRandom(seed + 1));
      double sq = 0;
      for (double t : targets) {
        double e = writer.write(t, DeviceFault.NONE) - t;
        sq += e * e;
      }
      rows.add(new Row(n, Math.sqrt(sq / devices), (double) writer.pulses() / devices,
          (double) writer.unverified() / devices));
    }
    double best = rows.stream().mapToDouble(Row::rmsResidualUs).min().orElseThrow();
    int chosen = rows.stream().filter(r -> r.rmsResidualUs() <= 1.05 * best).findFirst()
        .orElseThrow().pulses();
    return new Report(toleranceUs, List.copyOf(rows), chosen);
  }
}
