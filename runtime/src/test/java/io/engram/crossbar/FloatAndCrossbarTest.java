package io.engram.crossbar;

import static io.engram.crossbar.CrossbarFixture.activeRows;
import static io.engram.crossbar.CrossbarFixture.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bundle.BundleLayout;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.config.CrossbarPreset;
import io.engram.config.EngramConfig;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.evaluation.TaskOutcome;
import io.engram.learning.NaturalEpropParameters;
import io.engram.pcm.DeviceClock;
import io.engram.pcm.PcmDeviceModel;
import io.engram.snn.NetworkShape;
import io.engram.synapse.FloatSynapticMatrix;
import io.engram.synapse.SynapticMatrix;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import io.engram.task.TaskFile;
import io.engram.testing.SharedReference;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The float model and the noiseless crossbar behind one interface, tested against each other. */
class FloatAndCrossbarTest {

  private static final CrossbarParams IDEAL_ADC =
      CrossbarParams.chip().withPeriphery(new Periphery(8, 0, 1, 0));

  @Test
  void theSameOperationsGiveTheSameWeightsAndProducts() {
    int rows = 255;
    int cols = 250;
    double[] w = weights(rows, cols, 21);
    double[] delta = new double[w.length];
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < delta.length; i++) {
      delta[i] = rng.nextDouble() < 0.3 ? 0.01 * rng.nextGaussian() : 0;
    }
    SynapticMatrix reference = new FloatSynapticMatrix(rows, cols);
    CrossbarArray xbar =
        new CrossbarArray(
            rows, cols, IDEAL_ADC, PcmDeviceModel.of(CrossbarPreset.IDEAL), new DeviceClock(), null, 1);
    for (SynapticMatrix m : List.<SynapticMatrix>of(reference, xbar)) {
      m.program(w);
      m.update(delta);
      m.elapse(86_400);
    }
    double[] a = new double[w.length];
    double[] b = new double[w.length];
    reference.read(a);
    xbar.read(b);
    int saturated = 0;
    for (int i = 0; i < w.length; i++) {
      // The crossbar saturates at the w_max chosen when it was programmed; the float model does not.
      double wMax = xbar.weightMax(i % cols);
      double expected = Math.max(-wMax, Math.min(wMax, a[i]));
      saturated += expected != a[i] ? 1 : 0;
      assertEquals(expected, b[i], FixedPointTest.bound(xbar, i % cols, 1) + 1e-12, "cell " + i);
      reference.update(oneCell(w.length, i, expected - a[i]));
    }
    assertTrue(saturated > 0 && saturated < 100, saturated + " saturated cells");
    for (int trial = 0; trial < 50; trial++) {
      int count = 1 + rng.nextInt(15);
      int[] active = activeRows(rows, count, rng);
      double[] pa = new double[cols];
      double[] pb = new double[cols];
      reference.accumulateRows(active, count, pa);
      xbar.accumulateRows(active, count, pb);
      for (int c = 0; c < cols; c++) {
        assertEquals(pa[c], pb[c], FixedPointTest.bound(xbar, c, count) + 1e-12);
      }
    }
  }

  private static double[] oneCell(int n, int i, double v) {
    double[] d = new double[n];
    d[i] = v;
    return d;
  }

  @Test
  void theOneShotInnerLoopLearnsAsWellOnANoiselessCrossbar() throws Exception {
    EngramConfig config = EngramConfig.defaults();
    MetaParameters meta =
        MetaParameterBundle.read(SharedReference.metaBundle(), BundleLayout.reference(), true);
    List<MotionTask> tasks = TaskFile.read(SharedReference.goldenTasks(), ArmModel.of(config));
    NaturalEpropParameters rule = NaturalEpropParameters.reference();
    CrossbarFactory ideal =
        new CrossbarFactory(IDEAL_ADC, PcmDeviceModel.of(CrossbarPreset.IDEAL), 1, false);
    List<TaskOutcome> floats =
        InnerLoopEvaluation.floatNaturalEprop(config, meta, rule).runAll(tasks, 1);
    List<TaskOutcome> arrays =
        InnerLoopEvaluation.naturalEprop(
                config, meta, rule, () -> ideal.forNetwork(NetworkShape.trainee()))
            .runAll(tasks, 1);
    double floatMean = 0;
    double arrayMean = 0;
    for (int i = 0; i < tasks.size(); i++) {
      TaskOutcome f = floats.get(i);
      TaskOutcome x = arrays.get(i);
      // 16-bit conductances leave the untrained network's spikes as they are ...
      assertEquals(
          f.before().endEffectorErrorCm(), x.before().endEffectorErrorCm(), 1e-6, "task " + i);
      // ... and the update learns the task; the network is chaotic, so single tasks may differ.
      assertTrue(x.after().endEffectorErrorCm() < 0.25 * x.before().endEffectorErrorCm());
      floatMean += f.after().endEffectorErrorCm() / tasks.size();
      arrayMean += x.after().endEffectorErrorCm() / tasks.size();
    }
    assertEquals(floatMean, arrayMean, 0.5);
  }
}
