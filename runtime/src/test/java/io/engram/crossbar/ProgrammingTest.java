package io.engram.crossbar;

import static io.engram.crossbar.CrossbarFixture.array;
import static io.engram.crossbar.CrossbarFixture.weights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.CrossbarPreset;
import io.engram.config.WeightScale;
import io.engram.pcm.PcmParams;
import io.engram.pcm.ProgramVerify;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class ProgrammingTest {

  private static final CrossbarParams ONE_PAIR =
      CrossbarParams.chip().withPairFactors(1).withPeriphery(new Periphery(8, 0, 1, 0));

  @Test
  void programWritesEveryDeviceOfEveryUsedCell() {
    CrossbarArray xbar = array(10, 8, CrossbarParams.chip(), CrossbarPreset.PCM, 1);
    assertEquals(10 * 8 * 4, xbar.program(weights(10, 8, 1)));
    ProgrammingReport r = xbar.lastProgramming();
    assertEquals(80, r.cellsWritten());
    assertEquals(320, r.devicesWritten());
    assertEquals(320, r.pulses());
  }

  @Test
  void anUpdateRewritesOnlyTheDevicesWhoseTargetChanged() {
    double[] w = weights(10, 8, 2);
    CrossbarArray xbar = array(10, 8, ONE_PAIR, CrossbarPreset.PCM, 1);
    xbar.program(w);
    double[] delta = new double[80];
    int grow = 0;
    int flip = 0;
    for (int i = 0; i < 80; i += 7) {
      if (w[i] > 0.05 && w[i] + 0.05 < xbar.weightMax(i % 8)) {
        delta[i] = 0.05; // grows: only G+ changes
        grow++;
      } else if (w[i] < -0.05) {
        delta[i] = 2 * -w[i]; // sign flips: G+ and G- both change
        flip++;
      }
    }
    assertEquals(grow + 2 * flip, xbar.update(delta));
    assertEquals(grow + flip, xbar.lastProgramming().cellsWritten());
    assertEquals(0, xbar.update(new double[80]), "a zero update writes nothing");
  }

  @Test
  void updatesBelowHalfACodeAccumulateUntilACodeChanges() {
    CrossbarParams params = ONE_PAIR.withConductanceBits(8).withFixedScale(1);
    CrossbarArray xbar = array(1, 1, params, CrossbarPreset.IDEAL, 1);
    double lsb = 1.0 / 255;
    xbar.program(new double[] {100 * lsb});
    assertEquals(0, xbar.update(new double[] {0.3 * lsb}));
    assertEquals(1, xbar.update(new double[] {0.3 * lsb}), "0.6 LSB in total rounds to the next code");
    double[] back = new double[1];
    xbar.read(back);
    assertEquals(101 * lsb, back[0], 1e-12);
  }

  @Test
  void idealUpdatesMatchTheFloatSum() {
    double[] w = weights(30, 20, 3);
    double[] delta = new double[w.length];
    for (int i = 0; i < w.length; i += 3) {
      delta[i] = Math.rint(16 * 0.2 * Math.sin(i)) / 16;
    }
    CrossbarArray xbar = array(30, 20, CrossbarParams.chip().withPeriphery(new Periphery(8, 0, 1, 0)), CrossbarPreset.IDEAL, 1);
    xbar.program(w);
    xbar.update(delta);
    double[] back = new double[w.length];
    xbar.read(back);
    for (int i = 0; i < w.length; i++) {
      double wMax = xbar.weightMax(i % 20);
      double expected = Math.max(-wMax, Math.min(wMax, w[i] + delta[i]));
      assertEquals(expected, back[i], FixedPointTest.bound(xbar, i % 20, 1) + 1e-12);
    }
  }

  @Test
  void weightsBeyondAFixedScaleSaturate() {
    CrossbarParams params = ONE_PAIR.withFixedScale(1);
    CrossbarArray xbar = array(1, 3, params, CrossbarPreset.IDEAL, 1);
    xbar.program(new double[] {2.47, -1.3, 0.5});
    assertEquals(2, xbar.lastProgramming().cellsSaturated());
    double[] back = new double[3];
    xbar.read(back);
    assertArrayEquals(new double[] {1, -1, 0.5}, back, 1e-4);
  }

  @Test
  void columnScaleGivesSmallColumnsFinerSteps() {
    double[] w = {2.0, 0.1, -1.0, 0.05};
    CrossbarArray col = array(2, 2, CrossbarParams.chip(), CrossbarPreset.IDEAL, 1);
    CrossbarArray arr = array(2, 2, CrossbarParams.chip().withWeightScale(WeightScale.PER_ARRAY), CrossbarPreset.IDEAL, 1);
    col.program(w);
    arr.program(w);
    assertEquals(2.0, col.weightMax(0), 1e-12);
    assertEquals(0.1, col.weightMax(1), 1e-12);
    assertEquals(2.0, arr.weightMax(1), 1e-12);
  }

  @Test
  void unusedCellsStayEmptyAndIgnoreUpdates() {
    BitSet diagonal = new BitSet();
    for (int i = 0; i < 5; i++) {
      diagonal.set(i * 5 + i);
    }
    CrossbarArray xbar = array(5, 5, CrossbarParams.chip(), CrossbarPreset.PCM, diagonal, 1);
    double[] w = new double[25];
    Arrays.fill(w, 0.5);
    assertEquals(20 * 4, xbar.program(w));
    double[] delta = new double[25];
    delta[6] = 1; // on the diagonal
    assertEquals(0, xbar.update(delta));
    double[] back = new double[25];
    xbar.read(back);
    for (int i = 0; i < 5; i++) {
      assertEquals(0, back[i * 5 + i], 0);
      assertTrue(Math.abs(back[i * 5 + (i + 1) % 5] - 0.5) < 0.1);
    }
  }

  @Test
  void programAndVerifyBringsTheDevicesCloserToTheirTargets() {
    double[] w = weights(64, 64, 4);
    PcmParams progOnly = PcmParams.of(1, 0, 0);
    CrossbarArray single = array(64, 64, ONE_PAIR, progOnly, 1);
    CrossbarArray verified =
        array(64, 64, ONE_PAIR.withProgramVerify(new ProgramVerify(10, 0.3)), progOnly, 1);
    single.program(w);
    verified.program(w);
    double[] a = new double[w.length];
    double[] b = new double[w.length];
    single.read(a);
    verified.read(b);
    double errSingle = CrossbarFixture.rms(a, w);
    double errVerified = CrossbarFixture.rms(b, w);
    assertTrue(errVerified < 0.5 * errSingle, errVerified + " vs " + errSingle);
    ProgrammingReport r = verified.lastProgramming();
    assertTrue(r.pulses() > r.devicesWritten(), r.toString());
    assertEquals(r.devicesWritten(), single.lastProgramming().pulses());
  }

  @Test
  void theTraineeFitsOneTileAndLargerMatricesDoNot() {
    CrossbarArray trainee = array(255, 250, CrossbarParams.chip(), CrossbarPreset.IDEAL, 1);
    assertEquals(255, trainee.rows());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> array(257, 250, CrossbarParams.chip(), CrossbarPreset.IDEAL, 1));
    assertTrue(e.getMessage().contains("does not fit one 256 x 256 tile"), e.getMessage());
  }

  @Test
  void wrongSizesAreRejected() {
    CrossbarArray xbar = array(3, 4, CrossbarParams.chip(), CrossbarPreset.IDEAL, 1);
    assertThrows(IllegalArgumentException.class, () -> xbar.program(new double[11]));
    assertThrows(IllegalArgumentException.class, () -> xbar.update(new double[13]));
    assertThrows(IllegalArgumentException.class, () -> xbar.multiply(new double[4], new double[4]));
  }

  @Test
  void aSeedReproducesNoisyProductsAndAnotherSeedDoesNot() {
    double[] w = weights(20, 16, 5);
    double[][] outs = new double[3][16];
    long[] seeds = {7, 7, 8};
    for (int i = 0; i < 3; i++) {
      CrossbarArray xbar = array(20, 16, CrossbarParams.chip(), CrossbarPreset.PCM_DRIFT, seeds[i]);
      xbar.program(w);
      xbar.clock().advance(3600);
      xbar.accumulateRows(new int[] {1, 4, 9}, 3, outs[i]);
    }
    assertArrayEquals(outs[0], outs[1], 0);
    assertFalse(Arrays.equals(outs[0], outs[2]));
  }
}
