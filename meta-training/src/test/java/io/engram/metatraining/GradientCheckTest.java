package io.engram.metatraining;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bundle.BundleLayout;
import io.engram.config.EngramConfig;
import io.engram.learning.UpdateQuantum;
import io.engram.snn.ClockEncoder;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.snn.NeuronParameters;
import io.engram.snn.SpikeRaster;
import io.engram.snn.SpikingNetwork;
import io.engram.snn.TargetBitEncoder;
import io.engram.snn.Trial;
import io.engram.snn.TrialRecord;
import io.engram.synapse.FloatSynapticMatrix;
import io.engram.synapse.WeightMatrix;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import io.engram.task.TaskMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The meta-gradient against central finite differences of the same loss. With the smooth spike
 * function (whose derivative is exactly the pseudo-derivative) the backward pass must be the exact
 * gradient of the whole inner loop: training trial, LSG, update, test trial, loss and rate
 * regulariser, with every second-order term through psi and the traces.
 */
class GradientCheckTest {

  static final int STEPS = 60;

  /** Refractory 0 so the smooth network has no discrete state at all. */
  static NetworkParameters tinyTrainee() {
    return new NetworkParameters(
        new NetworkShape(5, 6, 0, 2), new NeuronParameters(1.0, 20.0, 20.0, 0.6, 0.6, 0, 0.3, 600.0, 0.0));
  }

  static NetworkParameters tinyLsg() {
    return new NetworkParameters(
        new NetworkShape(53, 5, 3, 6), new NeuronParameters(1.0, 20.0, 20.0, 1.3, 1.3, 0, 0.3, 600.0, 1.6));
  }

  /**
   * Weights that keep every neuron of both tiny networks busy near threshold (inside the
   * pseudo-derivative's support), so every path of the gradient carries signal.
   */
  static MetaWeights lively(BundleLayout layout, long seed) {
    MetaWeights w = MetaWeights.zeros(layout);
    Random rng = new Random(seed);
    double[][] meanSd = {{0.45, 0.1}, {0.0, 0.3}, {0.0, 1.0}, {0.03, 0.08}, {0.0, 0.4}, {0.0, 2.0}};
    for (int k = 0; k < 6; k++) {
      double[] b = w.block(k);
      for (int i = 0; i < b.length; i++) {
        b[i] = meanSd[k][0] + meanSd[k][1] * rng.nextGaussian();
      }
    }
    return w;
  }

  static List<MotionTask> tasks(ArmModel arm, int count, long seed) {
    Random rng = new Random(seed);
    List<MotionTask> out = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      double[] omega = new double[STEPS * 2];
      double a = rng.nextGaussian();
      double b = rng.nextGaussian();
      for (int t = 0; t < STEPS; t++) {
        omega[2 * t] = a * Math.sin(t / 7.0);
        omega[2 * t + 1] = b * Math.cos(t / 9.0);
      }
      double[] angles = arm.integrate(omega, STEPS);
      out.add(new MotionTask(STEPS, 2, omega, angles, arm.endEffector(angles, STEPS), false));
    }
    return out;
  }

  static InnerLoopModel model(SpikeFunction f, InnerLoopSettings settings) {
    EngramConfig config = EngramConfig.defaults();
    return new InnerLoopModel(
        new DifferentiableNetwork(tinyTrainee(), f),
        new DifferentiableNetwork(tinyLsg(), f),
        ClockEncoder.reference(),
        TargetBitEncoder.reference(),
        ArmModel.of(config),
        settings,
        STEPS);
  }

  @ParameterizedTest
  @EnumSource(InnerLoopSettings.PositionLoss.class)
  void metaGradientMatchesFiniteDifferences(InnerLoopSettings.PositionLoss positionLoss) throws Exception {
    InnerLoopSettings settings =
        new InnerLoopSettings(0.05, UpdateQuantum.EXACT, 0, null, 0.25, 20, 10).withPositionLoss(positionLoss);
    InnerLoopModel model = model(SpikeFunction.SOFT, settings);
    BatchGradient batch = new BatchGradient(model, null);
    MetaWeights w = lively(model.layout(), 3);
    List<MotionTask> tasks = tasks(ArmModel.of(EngramConfig.defaults()), 2, 5);
    long[] seeds = {1, 2};
    BatchGradient.Result r = batch.compute(w, tasks, seeds);
    Random pick = new Random(11);
    double h = 1e-6;
    int checked = 0;
    for (int k = 0; k < 6; k++) {
      double[] b = w.block(k);
      double[] g = r.gradient().block(k);
      double blockMax = 0;
      for (double x : g) {
        blockMax = Math.max(blockMax, Math.abs(x));
      }
      assertTrue(blockMax > 0, MetaWeights.NAMES[k] + " has an all-zero gradient");
      for (int n = 0; n < 8; n++) {
        int i = pick.nextInt(b.length);
        if (k == MetaWeights.REC || k == MetaWeights.LSG_REC) {
          int side = (int) Math.round(Math.sqrt(b.length));
          if (i / side == i % side) {
            assertEquals(0.0, g[i], MetaWeights.NAMES[k] + ": the diagonal never acts");
            continue;
          }
        }
        double keep = b[i];
        b[i] = keep + h;
        double up = batch.compute(w, tasks, seeds).loss();
        b[i] = keep - h;
        double down = batch.compute(w, tasks, seeds).loss();
        b[i] = keep;
        double fd = (up - down) / (2 * h);
        double tol = 1e-5 * Math.max(blockMax, 1e-3) + 1e-4 * Math.abs(fd);
        assertEquals(fd, g[i], tol, MetaWeights.NAMES[k] + "[" + i + "]");
        checked++;
      }
    }
    assertTrue(checked >= 40, "checked " + checked);
  }

  @Test
  void theDistanceLossIsTheErrorTheEvaluationReports() {
    ArmModel arm = ArmModel.of(EngramConfig.defaults());
    InnerLoopSettings settings = new InnerLoopSettings(0.05, UpdateQuantum.EXACT, 0, null, 0, 20, 10, 0,
        InnerLoopSettings.PositionLoss.DISTANCE);
    InnerLoopModel model = model(SpikeFunction.SOFT, settings);
    List<MotionTask> tasks = tasks(arm, 3, 9);
    List<MotionTask> produced = tasks(arm, 3, 10);
    for (int n = 0; n < tasks.size(); n++) {
      double[] omega = produced.get(n).omega();
      double loss = model.motionLoss(tasks.get(n), omega, new double[omega.length]);
      double cm = new TaskMetrics(arm).measure(tasks.get(n), omega).endEffectorErrorCm();
      assertTrue(cm > 1, "the paths differ: " + cm);
      assertEquals(cm / 100, loss, 1e-12, "task " + n);
    }
  }

  @Test
  void secondOrderTermsThroughTheTrainingTrialMatter() throws Exception {
    // Dropping the training trial's backward pass (psi and traces) changes the trainee's
    // input-weight gradient: the check above would catch a model that dropped those terms.
    InnerLoopSettings settings =
        new InnerLoopSettings(0.05, UpdateQuantum.EXACT, 0, null, 0.0, 20, 10);
    InnerLoopModel model = model(SpikeFunction.SOFT, settings);
    MetaWeights w = lively(model.layout(), 3);
    List<MotionTask> tasks = tasks(ArmModel.of(EngramConfig.defaults()), 1, 5);
    InnerLoopModel.TrainingTrial tt = model.trainingTrial(w);
    InnerLoopModel.TaskResult r = model.task(w, tt, tasks.get(0), new java.util.SplittableRandom(1));
    MetaWeights full = r.gradient().copy();
    model.finish(w, tt, r.gpsi(), r.gzbar(), full);
    double diff = 0;
    for (int i = 0; i < full.block(MetaWeights.IN).length; i++) {
      diff = Math.max(diff, Math.abs(full.block(MetaWeights.IN)[i] - r.gradient().block(MetaWeights.IN)[i]));
    }
    assertTrue(diff > 1e-4 * r.gradient().norm(), "second-order contribution " + diff);
  }

  @Test
  void theDenseBaselineComputesTheSameGradient() throws Exception {
    InnerLoopSettings settings = InnerLoopSettings.reference();
    EngramConfig config = EngramConfig.defaults();
    InnerLoopModel[] models = new InnerLoopModel[2];
    for (int d = 0; d < 2; d++) {
      models[d] = new InnerLoopModel(
          new DifferentiableNetwork(tinyTrainee(), SpikeFunction.HEAVISIDE, d == 1),
          new DifferentiableNetwork(tinyLsg(), SpikeFunction.HEAVISIDE, d == 1),
          ClockEncoder.reference(), TargetBitEncoder.reference(), ArmModel.of(config), settings, STEPS);
    }
    MetaWeights w = lively(models[0].layout(), 4);
    List<MotionTask> tasks = tasks(ArmModel.of(config), 2, 8);
    BatchGradient.Result a = new BatchGradient(models[0], null).compute(w, tasks, new long[] {1, 2});
    BatchGradient.Result b = new BatchGradient(models[1], null).compute(w, tasks, new long[] {1, 2});
    assertEquals(a.loss(), b.loss(), 1e-12);
    for (int k = 0; k < 6; k++) {
      assertArrayEquals(a.gradient().block(k), b.gradient().block(k), 1e-9, MetaWeights.NAMES[k]);
    }
  }

  @Test
  void aFrozenLsgHiddenLayerLeavesEveryOtherGradientAsItWas() throws Exception {
    InnerLoopModel full = model(SpikeFunction.HEAVISIDE, InnerLoopSettings.reference());
    MetaWeights w = lively(full.layout(), 6);
    List<MotionTask> tasks = tasks(ArmModel.of(EngramConfig.defaults()), 2, 9);
    BatchGradient.Result a = new BatchGradient(full, null).compute(w, tasks, new long[] {1, 2});
    BatchGradient.Result b = new BatchGradient(full.withLsgHiddenFrozen(), null).compute(w, tasks, new long[] {1, 2});
    assertEquals(a.loss(), b.loss(), 0.0);
    for (int k : new int[] {MetaWeights.IN, MetaWeights.REC, MetaWeights.OUT, MetaWeights.LSG_OUT}) {
      assertArrayEquals(a.gradient().block(k), b.gradient().block(k), 0.0, MetaWeights.NAMES[k]);
    }
    for (int k : new int[] {MetaWeights.LSG_IN, MetaWeights.LSG_REC}) {
      assertTrue(java.util.Arrays.stream(a.gradient().block(k)).anyMatch(x -> x != 0.0), MetaWeights.NAMES[k] + " has a gradient");
      assertTrue(java.util.Arrays.stream(b.gradient().block(k)).allMatch(x -> x == 0.0), MetaWeights.NAMES[k] + " is frozen");
    }
  }

  @Test
  void aTrainedLsgTailGetsTheFullPassGradientsAndNothingElseOfTheLsg() throws Exception {
    EngramConfig config = EngramConfig.defaults();
    NetworkParameters lifLsg = new NetworkParameters(
        new NetworkShape(53, 9, 0, 6), new NeuronParameters(1.0, 20.0, 20.0, 1.3, 1.3, 0, 0.3, 600.0, 0.0));
    InnerLoopModel full = new InnerLoopModel(
        new DifferentiableNetwork(tinyTrainee(), SpikeFunction.HEAVISIDE),
        new DifferentiableNetwork(lifLsg, SpikeFunction.HEAVISIDE),
        ClockEncoder.reference(), TargetBitEncoder.reference(), ArmModel.of(config),
        InnerLoopSettings.reference(), STEPS);
    int n = 9;
    int from = 5;
    MetaWeights w = lively(full.layout(), 12);
    double[] rec = w.block(MetaWeights.LSG_REC);
    for (int i = from; i < n; i++) {
      for (int c = 0; c < n; c++) {
        rec[i * n + c] = 0.0; // the tail feeds the readout only
      }
    }
    List<MotionTask> tasks = tasks(ArmModel.of(config), 2, 13);
    BatchGradient.Result a = new BatchGradient(full, null).compute(w, tasks, new long[] {1, 2});
    BatchGradient.Result b = new BatchGradient(full.withLsgTrainedFrom(from), null).compute(w, tasks, new long[] {1, 2});
    assertEquals(a.loss(), b.loss(), 0.0);
    for (int k : new int[] {MetaWeights.IN, MetaWeights.REC, MetaWeights.OUT, MetaWeights.LSG_OUT}) {
      assertArrayEquals(a.gradient().block(k), b.gradient().block(k), 0.0, MetaWeights.NAMES[k]);
    }
    int tailGradients = 0;
    for (int k : new int[] {MetaWeights.LSG_IN, MetaWeights.LSG_REC}) {
      double[] ga = a.gradient().block(k);
      double[] gb = b.gradient().block(k);
      int rows = ga.length / n;
      for (int i = 0; i < rows; i++) {
        for (int c = 0; c < n; c++) {
          int at = i * n + c;
          boolean trained = c >= from && (k == MetaWeights.LSG_IN || i < from);
          if (trained) {
            assertEquals(ga[at], gb[at], 1e-12 * (1 + Math.abs(ga[at])), MetaWeights.NAMES[k] + "[" + i + "][" + c + "]");
            tailGradients += ga[at] != 0.0 ? 1 : 0;
          } else {
            assertEquals(0.0, gb[at], MetaWeights.NAMES[k] + "[" + i + "][" + c + "] is frozen");
          }
        }
      }
    }
    assertTrue(tailGradients > 20, "the check needs tail gradients, got " + tailGradients);
    rec[from * n] = 0.5;
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new BatchGradient(full.withLsgTrainedFrom(from), null).compute(w, tasks, new long[] {1, 2}));
    assertTrue(e.getMessage().contains("projects to neuron 0"), e.getMessage());
  }

  @Test
  void heavisideForwardIsTheRuntimeNetwork() {
    NetworkParameters p = NetworkParameters.learningSignalGenerator();
    NetworkShape s = new NetworkShape(53, 40, 20, 7);
    p = new NetworkParameters(s, p.neurons());
    Random rng = new Random(9);
    double[] in = new double[s.inputs() * s.neurons()];
    double[] rec = new double[s.neurons() * s.neurons()];
    double[] out = new double[s.neurons() * s.readouts()];
    for (double[] a : new double[][] {in, rec, out}) {
      for (int i = 0; i < a.length; i++) {
        a[i] = rng.nextGaussian() * 0.8;
      }
    }
    MotionTask task = tasks(ArmModel.of(EngramConfig.defaults()), 1, 3).get(0);
    SpikeRaster input =
        ClockEncoder.reference().encode(STEPS).concat(TargetBitEncoder.reference().encode(task.xyz(), STEPS));
    Trajectory tr = new DifferentiableNetwork(p, SpikeFunction.HEAVISIDE).forward(in, rec, out, input);
    SpikingNetwork runtime =
        new SpikingNetwork(p, new FloatSynapticMatrix(s.synapticRows(), s.neurons()),
            WeightMatrix.of(s.inputs(), s.neurons(), in),
            WeightMatrix.of(s.neurons(), s.neurons(), rec),
            WeightMatrix.of(s.neurons(), s.readouts(), out));
    TrialRecord rec2 = Trial.run(runtime, runtime.newState(), input, null);
    long spikes = 0;
    for (double z : tr.z()) {
      spikes += (long) z;
    }
    assertTrue(spikes > 50, "the check needs activity, got " + spikes + " spikes");
    assertEquals(rec2.spikes(), spikes);
    assertArrayEquals(rec2.outputs(), tr.y(), 1e-12);
  }
}
