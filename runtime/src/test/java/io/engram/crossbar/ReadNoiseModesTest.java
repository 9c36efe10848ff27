package io.engram.crossbar;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bundle.BundleLayout;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.config.CrossbarConfig;
import io.engram.config.CrossbarPreset;
import io.engram.config.ReadNoiseMode;
import io.engram.snn.NetworkShape;
import io.engram.testing.SharedReference;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deviation of fast read noise from exact read noise on the trainee's real weights (the
 * authors' meta-parameters, pcm-drift devices one hour after programming): per column, the mean and
 * standard deviation of repeated products, and the Kolmogorov-Smirnov distance between the two
 * modes' standardised outputs. docs/crossbar.md quotes the figures this test logs.
 */
class ReadNoiseModesTest {

  private static final Logger LOG = LoggerFactory.getLogger(ReadNoiseModesTest.class);

  @Test
  void fastNoiseDeviatesFromExactNoiseOnlyInShapeAndOnlySlightly() throws Exception {
    MetaParameters meta =
        MetaParameterBundle.read(SharedReference.metaBundle(), BundleLayout.reference(), true);
    double[] w = meta.traineeInput().stack(meta.traineeRecurrent().withZeroDiagonal()).toArray();
    NetworkShape shape = NetworkShape.trainee();
    CrossbarConfig pcm = CrossbarConfig.forPreset(CrossbarPreset.PCM_DRIFT).withSeed(5);
    CrossbarArray exact = CrossbarFactory.of(pcm).forNetwork(shape);
    CrossbarArray fast = CrossbarFactory.of(pcm.withReadNoiseMode(ReadNoiseMode.FAST)).forNetwork(shape);
    for (CrossbarArray a : new CrossbarArray[] {exact, fast}) {
      a.program(w);
      a.elapse(3600);
    }
    int cols = shape.neurons();
    int reads = 1000;
    int sets = 6;
    SplittableRandom rng = new SplittableRandom(2);
    double[] zExact = new double[sets * cols * reads];
    double[] zFast = new double[sets * cols * reads];
    double meanZ2 = 0;
    double sdZ2 = 0;
    for (int s = 0; s < sets; s++) {
      // One clock input and about 5 ms of recurrent spikes at 20 Hz: 25 active rows.
      int[] active = CrossbarFixture.activeRows(shape.synapticRows(), 25, rng);
      double[][] e = products(exact, active, reads);
      double[][] f = products(fast, active, reads);
      for (int c = 0; c < cols; c++) {
        double me = mean(e[c]);
        double se = sd(e[c], me);
        double mf = mean(f[c]);
        double sf = sd(f[c], mf);
        // In units of their sampling errors: sqrt(2 / n) sd for a mean difference and sqrt(1 / n)
        // for a ratio of sds, so both are about N(0, 1) when the modes agree.
        meanZ2 += sq((mf - me) / se / Math.sqrt(2.0 / reads));
        sdZ2 += sq((sf / se - 1) / Math.sqrt(1.0 / reads));
        for (int i = 0; i < reads; i++) {
          zExact[(s * cols + c) * reads + i] = (e[c][i] - me) / se;
          zFast[(s * cols + c) * reads + i] = (f[c][i] - me) / se;
        }
      }
    }
    int columns = sets * cols;
    double meanRms = Math.sqrt(meanZ2 / columns);
    double sdRms = Math.sqrt(sdZ2 / columns);
    double ks = ksDistance(zExact, zFast);
    // The two-sample KS distance exceeded with probability 1 % when both come from one law.
    double ksCritical = 1.628 * Math.sqrt(2.0 / zExact.length);
    LOG.info(
        "fast vs exact read noise, {} columns x {} reads: rms mean difference {} and rms sd-ratio"
            + " deviation {} sampling errors (1 = no deviation); KS distance of the standardised"
            + " outputs {} (1 % critical value {})",
        columns,
        reads,
        String.format("%.2f", meanRms),
        String.format("%.2f", sdRms),
        String.format("%.4f", ks),
        String.format("%.4f", ksCritical));
    assertTrue(meanRms < 1.25, "means differ by " + meanRms + " sampling errors");
    assertTrue(sdRms < 1.25, "sds differ by " + sdRms + " sampling errors");
    assertTrue(ks < ksCritical, "KS distance " + ks + " >= " + ksCritical);
  }

  private static double sq(double x) {
    return x * x;
  }

  private static double[][] products(CrossbarArray a, int[] active, int reads) {
    int cols = a.columns();
    double[][] out = new double[cols][reads];
    double[] y = new double[cols];
    for (int i = 0; i < reads; i++) {
      Arrays.fill(y, 0);
      a.accumulateRows(active, active.length, y);
      for (int c = 0; c < cols; c++) {
        out[c][i] = y[c];
      }
    }
    return out;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double sd(double[] x, double m) {
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  /** Two-sample Kolmogorov-Smirnov statistic. */
  static double ksDistance(double[] a, double[] b) {
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < x.length && j < y.length) {
      double v = Math.min(x[i], y[j]);
      while (i < x.length && x[i] <= v) {
        i++;
      }
      while (j < y.length && y[j] <= v) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
    }
    return d;
  }
}
