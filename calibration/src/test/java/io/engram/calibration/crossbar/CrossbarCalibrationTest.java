package io.engram.calibration.crossbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.calibration.Progress;
import io.engram.config.CrossbarConfig;
import io.engram.config.CrossbarPreset;
import io.engram.config.DriftCompensation;
import io.engram.config.calibration.FaultRemedy;
import io.engram.crossbar.CrossbarArray;
import io.engram.crossbar.CrossbarFactory;
import io.engram.pcm.DeviceFault;
import java.time.Clock;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossbarCalibrationTest {

  static final int ROWS = 64;
  static final int COLS = 48;

  static CrossbarArray array(CrossbarPreset preset, double faultRate, long seed) {
    CrossbarConfig c = CrossbarConfig.forPreset(preset).withFaultRate(faultRate).withSeed(seed)
        .withDriftCompensation(DriftCompensation.PER_COLUMN);
    return CrossbarFactory.of(c).create(ROWS, COLS);
  }

  static double[] weights(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] w = new double[ROWS * COLS];
    for (int i = 0; i < w.length; i++) {
      w[i] = rng.nextGaussian() * 0.3;
    }
    return w;
  }

  static BitSet trueFaults(CrossbarArray a, DeviceFault kind) {
    BitSet s = new BitSet();
    int per = a.devicesPerCell();
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < COLS; c++) {
        for (int d = 0; d < per; d++) {
          if (a.fault(r, c, d) == kind) {
            s.set((r * COLS + c) * per + d);
          }
        }
      }
    }
    return s;
  }

  static double rmsError(CrossbarArray a, double[] w) {
    double[] held = new double[w.length];
    a.read(held);
    double sq = 0;
    for (int i = 0; i < w.length; i++) {
      sq += (held[i] - w[i]) * (held[i] - w[i]);
    }
    return Math.sqrt(sq / w.length);
  }

  @Test
  void probeReadsFindExactlyTheStuckDevices() {
    CrossbarArray a = array(CrossbarPreset.PCM, 0.02, 3);
    FaultScan.Result found = FaultScan.scan(a);
    BitSet set = trueFaults(a, DeviceFault.STUCK_SET);
    BitSet reset = trueFaults(a, DeviceFault.STUCK_RESET);
    assertTrue(set.cardinality() > 20 && reset.cardinality() > 20);
    assertEquals(set, found.stuckSet());
    assertEquals(reset, found.stuckReset());
    assertEquals(2L * ROWS * COLS * a.devicesPerCell(), found.reads());
  }

  /** Root-mean-square error of the array's products against the weights' on spike patterns. */
  static double productError(CrossbarArray a, double[] w, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] active = new int[ROWS];
    double[] out = new double[COLS];
    double sq = 0;
    int probes = 300;
    for (int p = 0; p < probes; p++) {
      int n = 0;
      for (int r = 0; r < ROWS; r++) {
        if (rng.nextDouble() < 0.05) {
          active[n++] = r;
        }
      }
      java.util.Arrays.fill(out, 0);
      a.accumulateRows(active, n, out);
      for (int c = 0; c < COLS; c++) {
        double e = out[c];
        for (int i = 0; i < n; i++) {
          e -= w[active[i] * COLS + c];
        }
        sq += e * e;
      }
    }
    return Math.sqrt(sq / (probes * COLS));
  }

  @Test
  void encodingAroundStuckDevicesRemovesMostOfTheirError() {
    double[] w = weights(5);
    CrossbarArray faulty = array(CrossbarPreset.IDEAL, 0.02, 3);
    faulty.program(w);
    double before = rmsError(faulty, w);
    FaultScan.scan(faulty);
    faulty.program(w);
    double after = rmsError(faulty, w);
    // What is left: weights beyond what a cell with a faulty significant pair can reach.
    assertTrue(after < before / 3, "rms weight error " + before + " -> " + after);
  }

  @Test
  void digitalPatchesMakeAFaultyArrayComputeLikeAHealthyOne() {
    double[] w = weights(5);
    CrossbarArray clean = array(CrossbarPreset.PCM_DRIFT, 0, 3);
    clean.program(w);
    CrossbarArray faulty = array(CrossbarPreset.PCM_DRIFT, 0.02, 3);
    faulty.program(w);
    FaultScan.scan(faulty);
    faulty.patchFaultyCells(true);
    faulty.program(w);
    assertTrue(faulty.patchedCells() > 50);
    CrossbarArray unpatched = array(CrossbarPreset.PCM_DRIFT, 0.02, 3);
    unpatched.program(w);
    for (CrossbarArray a : new CrossbarArray[] {clean, faulty, unpatched}) {
      a.elapse(86_400);
    }
    double healthy = productError(clean, w, 11);
    double patched = productError(faulty, w, 11);
    double raw = productError(unpatched, w, 11);
    assertTrue(raw > 5 * healthy, "unpatched " + raw + ", healthy " + healthy);
    assertTrue(patched < 1.3 * healthy, "patched " + patched + ", healthy " + healthy);
  }

  @Test
  void theAffineFitLeavesAHealthyArrayAlone() {
    double[] w = weights(6);
    CrossbarArray a = array(CrossbarPreset.PCM, 0, 4);
    a.program(w);
    ColumnAffineFit.Result fit = ColumnAffineFit.fit(a, w, 1000, 0.03, 1);
    for (int c = 0; c < COLS; c++) {
      assertEquals(1, fit.gain()[c], 0.05, "column " + c);
      assertEquals(0, fit.offset()[c], 0.05, "column " + c);
    }
    assertTrue(fit.rmsErrorAfter() <= fit.rmsErrorBefore());
  }

  @Test
  void theAffineFitUndoesAColumnGain() {
    double[] w = weights(7);
    CrossbarArray a = array(CrossbarPreset.IDEAL, 0, 4);
    a.program(w);
    // The array holds w, the fit is told w / g: to the fit, column c reads g_c too much.
    double[] told = w.clone();
    for (int i = 0; i < told.length; i++) {
      told[i] = w[i] / (0.8 + 0.01 * (i % COLS));
    }
    ColumnAffineFit.Result fit = ColumnAffineFit.fit(a, told, 1000, 0.03, 2);
    for (int c = 0; c < COLS; c++) {
      assertEquals(1 / (0.8 + 0.01 * c), fit.gain()[c], 0.01, "column " + c);
    }
    assertTrue(fit.rmsErrorAfter() < 0.5 * fit.rmsErrorBefore(), fit.rmsErrorBefore() + " -> "
        + fit.rmsErrorAfter());
  }

  @Test
  void programAndVerifyTuningShrinksTheResidual() {
    CrossbarArray a = array(CrossbarPreset.PCM, 0, 1);
    VerifyTuning.Report r = VerifyTuning.run(a.model(), 0.5, 8, 2000, 1);
    assertEquals(8, r.rows().size());
    assertEquals(1.0, r.rows().get(0).meanPulses());
    assertTrue(r.rows().get(7).rmsResidualUs() < 0.8 * r.rows().get(0).rmsResidualUs(),
        r.toString());
    assertTrue(r.chosenPulses() > 1);
  }

  @Test
  void theCalibrationRecordsMapCorrectionAndSchedule() {
    CrossbarArray a = array(CrossbarPreset.PCM_DRIFT, 0.01, 8);
    double[] w = weights(9);
    CrossbarCalibrator.Result r = new CrossbarCalibrator(CrossbarCalibrator.Options.defaults(),
        Clock.systemUTC(), Progress.NONE).calibrate(a, w);
    assertEquals(trueFaults(a, DeviceFault.STUCK_SET).cardinality()
        + trueFaults(a, DeviceFault.STUCK_RESET).cardinality(), r.calibration().stuckDevices());
    assertEquals(FaultRemedy.PAIR_AND_PATCH, r.calibration().remedy());
    double ratio = r.calibration().refreshRatio();
    assertTrue(ratio > 1.05 && ratio < 1.5, "refresh ratio " + ratio);
    assertTrue(r.calibration().driftReference()[0] > 0, "drift reference");
    // A fresh array of the same chip with the calibration applied computes as well.
    CrossbarArray again = array(CrossbarPreset.PCM_DRIFT, 0.01, 8);
    again.program(w);
    double raw = productError(again, w, 3);
    again.applyCalibration(r.calibration());
    again.program(w);
    double fixed = productError(again, w, 3);
    assertTrue(fixed < 0.3 * raw, raw + " -> " + fixed);
  }
}
