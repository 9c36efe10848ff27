package io.engram.crossbar;

import static io.engram.crossbar.CrossbarFixture.array;
import static io.engram.crossbar.CrossbarFixture.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.CrossbarPreset;
import io.engram.config.ReadNoiseMode;
import io.engram.pcm.PcmParams;
import org.junit.jupiter.api.Test;

/** Exact read noise draws per device and rectifies; fast read noise matches its two moments. */
class ReadNoiseTest {

  private static final CrossbarParams IDEAL_ADC =
      CrossbarParams.chip().withPeriphery(new Periphery(8, 0, 1, 0));

  @Test
  void exactReadsRectifyEveryDevice() {
    // One pair, G- targets 0 and without programming noise stays exactly 0: the output is the G+
    // read alone, max(0, G (1 + 0.84 xi)) at g = 0.01, which is 0 in 11.6 % of reads.
    CrossbarParams onePair = IDEAL_ADC.withPairFactors(1).withFixedScale(1);
    CrossbarArray xbar = array(1, 1, onePair, PcmParams.of(0, 1, 0), 1);
    xbar.program(new double[] {0.01});
    xbar.clock().advance(3600);
    int zeros = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      double[] out = new double[1];
      xbar.accumulateRows(new int[] {0}, 1, out);
      assertTrue(out[0] >= 0);
      zeros += out[0] == 0 ? 1 : 0;
    }
    assertEquals(0.116, zeros / (double) n, 0.01);
  }

  @Test
  void fastNoiseMatchesTheMeanAndSpreadOfExactNoise() {
    int rows = 40;
    int cols = 30;
    double[] w = weights(rows, cols, 9);
    int[] active = {0, 3, 5, 8, 13, 21, 34};
    int n = 20_000;
    double[][] exact = moments(w, rows, cols, ReadNoiseMode.EXACT, active, n);
    double[][] fast = moments(w, rows, cols, ReadNoiseMode.FAST, active, n);
    for (int c = 0; c < cols; c++) {
      double se = exact[1][c] / Math.sqrt(n);
      assertEquals(exact[0][c], fast[0][c], 6 * se + 2e-5, "mean of column " + c);
      assertEquals(exact[1][c], fast[1][c], 0.05 * exact[1][c], "sd of column " + c);
    }
  }

  /** {mean, sd} per column of n products on one array (same programming for both modes). */
  private static double[][] moments(
      double[] w, int rows, int cols, ReadNoiseMode mode, int[] active, int n) {
    CrossbarArray xbar = array(rows, cols, IDEAL_ADC.withReadNoise(mode), CrossbarPreset.PCM, 4);
    xbar.program(w);
    xbar.clock().advance(3600);
    double[] s1 = new double[cols];
    double[] s2 = new double[cols];
    double[] out = new double[cols];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(out, 0);
      xbar.accumulateRows(active, active.length, out);
      for (int c = 0; c < cols; c++) {
        s1[c] += out[c];
        s2[c] += out[c] * out[c];
      }
    }
    double[][] m = new double[2][cols];
    for (int c = 0; c < cols; c++) {
      m[0][c] = s1[c] / n;
      m[1][c] = Math.sqrt(s2[c] / n - m[0][c] * m[0][c]);
    }
    return m;
  }

  @Test
  void readNoiseGrowsWithTime() {
    double[] w = weights(20, 10, 2);
    CrossbarArray xbar = array(20, 10, IDEAL_ADC, CrossbarPreset.PCM, 4);
    xbar.program(w);
    double early = spread(xbar);
    xbar.clock().advance(86_400);
    double late = spread(xbar);
    // sqrt(ln(86420/5e-7) / ln(20/5e-7)) = 1.235
    assertEquals(1.235, late / early, 0.05);
  }

  private static double spread(CrossbarArray xbar) {
    int n = 20_000;
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double[] out = new double[10];
      xbar.accumulateRows(new int[] {1, 2, 3}, 3, out);
      s1 += out[0];
      s2 += out[0] * out[0];
    }
    return Math.sqrt(s2 / n - (s1 / n) * (s1 / n));
  }
}
