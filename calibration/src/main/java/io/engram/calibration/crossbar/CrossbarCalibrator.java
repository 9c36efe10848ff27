package io.engram.calibration.crossbar;

import io.engram.calibration.Progress;
import io.engram.config.calibration.CrossbarCalibration;
import io.engram.config.calibration.FaultRemedy;
import io.engram.crossbar.CrossbarArray;
import java.time.Clock;
import java.util.BitSet;

/**
 * Calibrates one crossbar array for the weights it is to hold: tunes program-and-verify on the
 * device model, finds the stuck devices by probe reads, works around them, programs the weights,
 * fits the per-column affine correction and takes the drift reference with its refresh schedule.
 * The array ends programmed with the weights and calibrated.
 */
public final class CrossbarCalibrator {

  /**
   * What the calibration does.
   *
   * @param remedy what to do about stuck devices
   * @param verifyTolerance tolerance (uS) of the program-and-verify tuning
   * @param maxVerifyPulses largest pulse budget the tuning tries
   * @param tuningDevices sample writes per budget
   * @param affineProbes probe patterns of the affine fit
   * @param probeActivity probability that a row is active in a probe pattern
   * @param driftTolerance output drift tolerated between drift-reference refreshes
   * @param seed seeds the tuning sample and the probe patterns
   */
  public record Options(FaultRemedy remedy, double verifyTolerance, int maxVerifyPulses,
      int tuningDevices, int affineProbes, double probeActivity, double driftTolerance,
      long seed) {

    public static Options defaults() {
      return new Options(FaultRemedy.PAIR_AND_PATCH, 0.5, 10, 4000, 1000, 0.03, 0.01, 1);
    }

    public Options withRemedy(FaultRemedy r) {
      return new Options(r, verifyTolerance, maxVerifyPulses, tuningDevices, affineProbes,
          probeActivity, driftTolerance, seed);
    }
  }

  /**
   * Everything the calibration measured.
   *
   * @param calibration what goes into the calibration file
   * @param tuning the program-and-verify tuning report
   * @param faults the fault scan
   * @param affine the affine fit
   * @param meanDriftExponent mean drift exponent of the programmed devices
   */
  public record Result(CrossbarCalibration calibration, VerifyTuning.Report tuning,
      FaultScan.Result faults, ColumnAffineFit.Result affine, double meanDriftExponent) {}

  private final Options options;
  private final Clock clock;
  private final Progress progress;

  public CrossbarCalibrator(Options options, Clock clock, Progress progress) {
    this.options = options;
    this.clock = clock;
    this.progress = progress;
  }

  /** Calibrates {@code array} for {@code weights} (row-major, as {@link CrossbarArray#program}). */
  public Result calibrate(CrossbarArray array, double[] weights) {
    progress.report("program-and-verify tuning", 0);
    VerifyTuning.Report tuning = VerifyTuning.run(array.model(), options.verifyTolerance(),
        options.maxVerifyPulses(), options.tuningDevices(), options.seed());
    progress.report("stuck-device scan", 0.2);
    array.patchFaultyCells(false);
    FaultScan.Result faults = FaultScan.scan(array);
    if (options.remedy() == FaultRemedy.NONE) {
      array.useFaultMap(new BitSet(), new BitSet());
    }
    array.patchFaultyCells(options.remedy() == FaultRemedy.PAIR_AND_PATCH);
    progress.report("programming the weights", 0.6);
    array.program(weights);
    progress.report("per-column affine fit", 0.7);
    ColumnAffineFit.Result affine = ColumnAffineFit.fit(array, weights, options.affineProbes(),
        options.probeActivity(), options.seed());
    array.correctColumns(affine.gain(), affine.offset());
    progress.report("drift reference", 0.95);
    double nu = DriftSchedule.meanDriftExponent(array, weights);
    double ratio = nu > 0 ? Math.exp(options.driftTolerance() / nu) : 1e9;
    // Reprogramming takes a fresh drift reference under the final correction.
    array.program(weights);
    CrossbarCalibration calibration = new CrossbarCalibration(clock.instant(), array.rows(),
        array.columns(), array.devicesPerCell(), faults.stuckSetArray(),
        faults.stuckResetArray(), options.remedy(), affine.gain(), affine.offset(),
        array.driftReference(), ratio, tuning.chosenPulses(), options.verifyTolerance());
    progress.report("done", 1);
    return new Result(calibration, tuning, faults, affine, nu);
  }
}
