package io.engram.crossbar;

import static io.engram.crossbar.CrossbarFixture.array;
import static io.engram.crossbar.CrossbarFixture.rms;
import static io.engram.crossbar.CrossbarFixture.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.CrossbarPreset;
import io.engram.config.DriftCompensation;
import io.engram.config.WeightScale;
import io.engram.pcm.PcmParams;
import org.junit.jupiter.api.Test;

/** Compensation scales outputs by r0 / r(t) from one-hot probe reads, globally or per column. */
class DriftCompensationTest {

  private static final int ROWS = 120;
  private static final int COLS = 100;
  private static final PcmParams DRIFT_ONLY = PcmParams.of(0, 0, 1);
  private static final CrossbarParams IDEAL_ADC =
      CrossbarParams.chip().withPeriphery(new Periphery(8, 0, 1, 0));

  @Test
  void driftShrinksTheWeightsByTheModelsFactor() {
    double[] w = weights(ROWS, COLS, 1);
    CrossbarArray xbar = array(ROWS, COLS, IDEAL_ADC, DRIFT_ONLY, 2);
    xbar.program(w);
    xbar.clock().advance(3600);
    double[] back = new double[w.length];
    xbar.read(back);
    // nu >= 0.049 everywhere, so every weight shrinks by at least (3620/20)^-0.049 = 0.775 .. and
    // by roughly that much on average for the large conductances.
    double ratio = sumAbs(back) / sumAbs(w);
    assertTrue(ratio < 0.78 && ratio > 0.6, "drift ratio " + ratio);
  }

  @Test
  void globalCompensationRestoresTheTotalProbeResponse() {
    double[] w = weights(ROWS, COLS, 1);
    CrossbarArray xbar = array(ROWS, COLS, IDEAL_ADC.withCompensation(DriftCompensation.GLOBAL), DRIFT_ONLY, 2);
    xbar.program(w);
    double[] before = new double[w.length];
    xbar.read(before);
    assertEquals(1, xbar.compensation(0), 0, "no correction right after programming");
    xbar.clock().advance(3600);
    double[] after = new double[w.length];
    xbar.read(after);
    // With an ideal ADC the one-hot probe reads every cell's current, so in conductance units
    // alpha * sum |G(t)| = sum |G(0)|.
    assertEquals(sumAbsCurrent(xbar, before), sumAbsCurrent(xbar, after), 1e-9 * sumAbsCurrent(xbar, before));
    double alpha = xbar.compensation(0);
    assertTrue(alpha > 1.25, "alpha " + alpha);
    for (int c = 1; c < COLS; c++) {
      assertEquals(alpha, xbar.compensation(c), 0);
    }
  }

  @Test
  void columnCompensationRestoresEveryColumn() {
    double[] w = weights(ROWS, COLS, 1);
    CrossbarArray xbar = array(ROWS, COLS, IDEAL_ADC.withCompensation(DriftCompensation.PER_COLUMN), DRIFT_ONLY, 2);
    xbar.program(w);
    double[] before = new double[w.length];
    xbar.read(before);
    xbar.clock().advance(86_400);
    double[] after = new double[w.length];
    xbar.read(after);
    for (int c = 0; c < COLS; c++) {
      assertEquals(columnSumAbs(before, c), columnSumAbs(after, c), 1e-9 * columnSumAbs(before, c));
    }
  }

  @Test
  void bothCompensationsReduceTheErrorOfADriftedNoisyArray() {
    double[] w = weights(255, 250, 3);
    double[] errors = new double[3];
    DriftCompensation[] modes = DriftCompensation.values();
    for (int m = 0; m < modes.length; m++) {
      CrossbarArray xbar =
          array(255, 250, CrossbarParams.chip().withCompensation(modes[m]), CrossbarPreset.PCM_DRIFT, 5);
      xbar.program(w);
      xbar.clock().advance(3600);
      double[] back = new double[w.length];
      xbar.read(back);
      errors[m] = rms(back, w);
    }
    // NONE, GLOBAL, COLUMN
    assertTrue(errors[1] < 0.6 * errors[0], "global " + errors[1] + " vs none " + errors[0]);
    assertTrue(errors[2] < 0.6 * errors[0], "column " + errors[2] + " vs none " + errors[0]);
  }

  @Test
  void columnCompensationBeatsGlobalWhenColumnsDriftDifferently() {
    // Array scale and column magnitudes from 0.02 to 1: small columns sit at low conductance,
    // where the mean drift exponent is larger, so they drift more than the others.
    double[] w = weights(ROWS, COLS, 4);
    for (int i = 0; i < w.length; i++) {
      w[i] *= 0.02 + 0.98 * (i % COLS) / (COLS - 1.0);
    }
    CrossbarParams arrayScale = IDEAL_ADC.withWeightScale(WeightScale.PER_ARRAY);
    double[] errors = new double[2];
    for (int m = 0; m < 2; m++) {
      DriftCompensation mode = m == 0 ? DriftCompensation.GLOBAL : DriftCompensation.PER_COLUMN;
      CrossbarArray xbar = array(ROWS, COLS, arrayScale.withCompensation(mode), DRIFT_ONLY, 2);
      xbar.program(w);
      xbar.clock().advance(86_400);
      double[] back = new double[w.length];
      xbar.read(back);
      errors[m] = columnGainError(back, w);
    }
    assertTrue(errors[0] > 0.02, "global leaves columns mis-scaled by " + errors[0]);
    assertTrue(errors[1] < 0.2 * errors[0], "column " + errors[1] + " vs global " + errors[0]);
  }

  /** Mean over columns of |sum |got| / sum |w| - 1|: how far each column's gain is off. */
  private static double columnGainError(double[] got, double[] w) {
    double total = 0;
    for (int c = 0; c < COLS; c++) {
      total += Math.abs(columnSumAbs(got, c) / columnSumAbs(w, c) - 1);
    }
    return total / COLS;
  }

  @Test
  void withoutDriftCompensationOnlyCorrectsReadNoiseSlightly() {
    double[] w = weights(255, 250, 3);
    CrossbarArray xbar =
        array(255, 250, CrossbarParams.chip().withCompensation(DriftCompensation.GLOBAL), CrossbarPreset.PCM, 5);
    xbar.program(w);
    xbar.clock().advance(86_400);
    assertEquals(1, xbar.compensation(0), 0.01);
  }

  @Test
  void theReferenceIsRetakenAfterAnUpdate() {
    double[] w = weights(ROWS, COLS, 1);
    CrossbarArray xbar = array(ROWS, COLS, IDEAL_ADC.withCompensation(DriftCompensation.GLOBAL), DRIFT_ONLY, 2);
    xbar.program(w);
    xbar.clock().advance(3600);
    assertTrue(xbar.compensation(0) > 1.25);
    double[] delta = new double[w.length];
    delta[0] = 0.5;
    xbar.update(delta);
    assertEquals(1, xbar.compensation(0), 0, "a fresh reference after programming");
    xbar.clock().advance(3600);
    assertTrue(xbar.compensation(0) > 1.0);
  }

  /** Sum of |w| in conductance-code units (weights times each column's codes per weight). */
  private static double sumAbsCurrent(CrossbarArray xbar, double[] a) {
    CrossbarParams p = xbar.params();
    double full = p.factorSum() * ((1 << p.conductanceBits()) - 1.0);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i]) * full / xbar.weightMax(i % COLS);
    }
    return s;
  }

  private static double sumAbs(double[] a) {
    double s = 0;
    for (double v : a) {
      s += Math.abs(v);
    }
    return s;
  }

  private static double columnSumAbs(double[] a, int c) {
    double s = 0;
    for (int r = 0; r < ROWS; r++) {
      s += Math.abs(a[r * COLS + c]);
    }
    return s;
  }
}
