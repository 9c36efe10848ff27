package io.engram.metatraining;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bundle.BundleOrigin;
import io.engram.bundle.LoadedBundle;
import io.engram.bundle.MetaParameterBundle;
import io.engram.config.EngramConfig;
import io.engram.config.NetworkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaTrainerTest {

  @TempDir Path dir;

  /** The reference encoders and task, with tiny networks: trainee 5-12-2, LSG 53-16(4 ALIF)-12. */
  static EngramConfig tiny() {
    return EngramConfig.defaults().withNetwork(NetworkConfig.defaults().withSizes(12, 16, 4));
  }

  static MetaTrainer trainer(EngramConfig config, int iterations, int threads) {
    MetaTrainingOptions o =
        new MetaTrainingOptions(iterations, 3, 7, threads, 2, 4, 99, 1e-2, 0.99, 500, true);
    return new MetaTrainer(config, InnerLoopSettings.reference(), o, Map.of("command", "test"));
  }

  static MetaWeights trained(Path out, EngramConfig config) throws Exception {
    return Checkpoint.read(out, trainer(config, 0, 1).model().layout()).weights();
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() throws Exception {
    EngramConfig config = tiny();
    trainer(config, 2, 1).run(dir.resolve("one"), false, null, null);
    trainer(config, 2, 3).run(dir.resolve("three"), false, null, null);
    MetaWeights a = trained(dir.resolve("one"), config);
    MetaWeights b = trained(dir.resolve("three"), config);
    for (int k = 0; k < 6; k++) {
      assertArrayEquals(a.block(k), b.block(k), 0.0, MetaWeights.NAMES[k]);
    }
    MetaWeights init = trainer(config, 2, 1).initialWeights();
    assertTrue(Math.abs(a.norm() - init.norm()) > 0, "training changed nothing");
  }

  @Test
  void aTimeLimitStopsTheRunWithAValidationAndACheckpoint() throws Exception {
    EngramConfig config = tiny();
    MetaTrainingOptions o =
        new MetaTrainingOptions(1000, 3, 7, 2, 50, 4, 99, 1e-2, 0.99, 500, true).withTimeLimit(1e-6);
    MetaTrainer.Result r = new MetaTrainer(config, InnerLoopSettings.reference(), o, Map.of("command", "test"))
        .run(dir.resolve("limited"), false, null, null);
    assertEquals(1, r.iterations(), "stops after the first iteration");
    assertEquals(2, r.curve().size(), "validated at the start and at the stop");
    Checkpoint c = Checkpoint.read(dir.resolve("limited"), trainer(config, 0, 1).model().layout());
    assertEquals(1, c.state().iteration());
  }

  @Test
  void frozenMatricesKeepTheirInitialValues() throws Exception {
    EngramConfig config = tiny();
    MetaTrainingOptions o = new MetaTrainingOptions(3, 3, 7, 2, 2, 4, 99, 1e-2, 0.99, 500, true)
        .withFrozen(java.util.Set.of(MetaWeights.LSG_IN, MetaWeights.LSG_REC));
    MetaTrainer t = new MetaTrainer(config, InnerLoopSettings.reference(), o, Map.of("command", "test"));
    MetaWeights init = t.initialWeights();
    t.run(dir.resolve("frozen"), false, init, null);
    MetaWeights w = trained(dir.resolve("frozen"), config);
    for (int k = 0; k < 6; k++) {
      boolean frozen = k == MetaWeights.LSG_IN || k == MetaWeights.LSG_REC;
      boolean same = java.util.Arrays.equals(init.block(k), w.block(k));
      assertEquals(frozen, same, MetaWeights.NAMES[k] + (frozen ? " moved though frozen" : " never moved"));
    }
    LoadedBundle b = MetaParameterBundle.load(dir.resolve("frozen").resolve(MetaTrainer.BUNDLE), config,
        BundleOrigin.NETWORK, true);
    assertEquals(java.util.List.of("W_in_lsg", "W_rec_lsg"), b.manifest().orElseThrow().training().get("frozen"));
  }

  @Test
  void aResumedRunContinuesExactly() throws Exception {
    EngramConfig config = tiny();
    trainer(config, 4, 2).run(dir.resolve("straight"), false, null, null);
    // Killed after the checkpoint at iteration 2, then resumed up to 4.
    trainer(config, 2, 2).run(dir.resolve("resumed"), false, null, null);
    int[] seen = new int[1];
    MetaTrainer.Result r =
        trainer(config, 4, 2).run(dir.resolve("resumed"), true, null, (done, total, loss, s) -> seen[0]++);
    assertEquals(2, seen[0], "only iterations 3 and 4 run again");
    MetaWeights a = trained(dir.resolve("straight"), config);
    MetaWeights b = trained(dir.resolve("resumed"), config);
    for (int k = 0; k < 6; k++) {
      assertArrayEquals(a.block(k), b.block(k), 0.0, MetaWeights.NAMES[k]);
    }
    // One curve row per validation (0, 2, 4), kept across the resume.
    assertEquals(3, r.curve().size());
    assertEquals(4, Files.readAllLines(dir.resolve("resumed").resolve("validation.csv")).size());
    assertTrue(Files.size(dir.resolve("resumed").resolve("validation.png")) > 1000);
  }

  static MetaTrainer averaged(EngramConfig config, int iterations, double decay) {
    MetaTrainingOptions o = new MetaTrainingOptions(iterations, 3, 7, 2, 2, 4, 99, 1e-2, 0.99, 500, true)
        .withAverageDecay(decay);
    return new MetaTrainer(config, InnerLoopSettings.reference(), o, Map.of("command", "test"));
  }

  @Test
  void theWeightAverageFollowsTheIteratesAndResumesExactly() throws Exception {
    EngramConfig config = tiny();
    double decay = 0.6;
    // The iterates after 1..4 iterations, from runs without an average (the same trajectory).
    MetaWeights expected = trainer(config, 0, 1).initialWeights();
    for (int n = 1; n <= 4; n++) {
      trainer(config, n, 2).run(dir.resolve("plain" + n), false, null, null);
      MetaWeights iterate = trained(dir.resolve("plain" + n), config);
      for (int k = 0; k < 6; k++) {
        double[] a = expected.block(k);
        double[] x = iterate.block(k);
        for (int i = 0; i < a.length; i++) {
          a[i] += (1 - decay) * (x[i] - a[i]);
        }
      }
    }
    averaged(config, 4, decay).run(dir.resolve("straight"), false, null, null);
    averaged(config, 2, decay).run(dir.resolve("resumed"), false, null, null);
    averaged(config, 4, decay).run(dir.resolve("resumed"), true, null, null);
    var layout = trainer(config, 0, 1).model().layout();
    Checkpoint straight = Checkpoint.read(dir.resolve("straight"), layout);
    Checkpoint resumed = Checkpoint.read(dir.resolve("resumed"), layout);
    for (int k = 0; k < 6; k++) {
      assertArrayEquals(expected.block(k), straight.average().block(k), 0.0, MetaWeights.NAMES[k]);
      assertArrayEquals(expected.block(k), resumed.average().block(k), 0.0, MetaWeights.NAMES[k]);
      assertArrayEquals(trained(dir.resolve("plain4"), config).block(k), straight.weights().block(k), 0.0,
          "the average leaves the iterates alone: " + MetaWeights.NAMES[k]);
    }
    assertTrue(Math.abs(expected.norm() - straight.weights().norm()) > 0, "the average is the last iterate");
    assertEquals(null, Checkpoint.read(dir.resolve("plain4"), layout).average(), "a plain run keeps no average");
    LoadedBundle bundle = MetaParameterBundle.load(dir.resolve("straight").resolve(MetaTrainer.BUNDLE), config,
        BundleOrigin.NETWORK, true);
    assertEquals(decay, bundle.manifest().orElseThrow().training().get("weight_average_decay"));
  }

  @Test
  void aRunWithAWeightAverageShipsTheAverage() throws Exception {
    EngramConfig config = tiny();
    // Validated after every iteration: the bundle is the average at the best validation, as
    // replayed from the iterates of runs without an average.
    MetaTrainingOptions o = new MetaTrainingOptions(3, 3, 7, 2, 1, 4, 99, 1e-2, 0.99, 500, true)
        .withAverageDecay(0.5);
    MetaTrainer t = new MetaTrainer(config, InnerLoopSettings.reference(), o, Map.of("command", "test"));
    java.util.List<MetaWeights> averages = new java.util.ArrayList<>();
    MetaWeights init = t.initialWeights();
    averages.add(init.copy());
    WeightAverage replay = new WeightAverage(0.5, init);
    for (int n = 1; n <= 3; n++) {
      trainer(config, n, 2).run(dir.resolve("plain" + n), false, null, null);
      replay.update(trained(dir.resolve("plain" + n), config));
      averages.add(replay.weights().copy());
    }
    MetaTrainer.Result r = t.run(dir.resolve("avg"), false, null, null);
    MetaTrainer.Result plain = new MetaTrainer(config, InnerLoopSettings.reference(),
        new MetaTrainingOptions(3, 3, 7, 2, 1, 4, 99, 1e-2, 0.99, 500, true), Map.of("command", "test"))
        .run(dir.resolve("plain"), false, null, null);
    assertEquals(plain.curve().get(0).eeAfterCm(), r.curve().get(0).eeAfterCm(), 0.0, "both start from the same weights");
    for (int i = 1; i < r.curve().size(); i++) {
      assertTrue(plain.curve().get(i).eeAfterCm() != r.curve().get(i).eeAfterCm(),
          "iteration " + i + " validated the iterate, not the average");
      assertEquals(plain.curve().get(i).trainLoss(), r.curve().get(i).trainLoss(), 0.0,
          "the average leaves the training trajectory alone");
    }
    int bestRow = 0;
    for (int i = 1; i < r.curve().size(); i++) {
      if (r.curve().get(i).eeAfterNonClippedCm() < r.curve().get(bestRow).eeAfterNonClippedCm()) {
        bestRow = i;
      }
    }
    int bestIteration = r.curve().get(bestRow).iteration();
    MetaWeights shipped = MetaWeights.of(t.model().layout(),
        MetaParameterBundle.load(r.bundle(), config, BundleOrigin.NETWORK, true).parameters());
    MetaWeights want = averages.get(bestIteration);
    for (int k = 0; k < 6; k++) {
      double[] a = want.block(k);
      double[] b = shipped.block(k);
      for (int i = 0; i < a.length; i++) {
        assertEquals((float) a[i], (float) b[i], 0.0, MetaWeights.NAMES[k] + "[" + i + "] of the average at " + bestIteration);
      }
    }
  }

  @Test
  void aRunOnNonClippedTasksReplacesOnlyTheClippedDraws() throws Exception {
    EngramConfig config = tiny();
    MetaTrainingOptions o = new MetaTrainingOptions(1, 3, 7, 2, 1, 4, 99, 1e-2, 0.99, 500, true);
    MetaTrainer all = new MetaTrainer(config, InnerLoopSettings.reference(), o, Map.of("command", "test"));
    MetaTrainer nonClipped = new MetaTrainer(config, InnerLoopSettings.reference(), o.withNonClippedOnly(true),
        Map.of("command", "test"));
    int clipped = 0;
    for (int it = 0; it < 30; it++) {
      java.util.List<io.engram.task.MotionTask> a = all.batch(it);
      java.util.List<io.engram.task.MotionTask> b = nonClipped.batch(it);
      for (int k = 0; k < a.size(); k++) {
        assertTrue(!b.get(k).clipped(), "iteration " + it + " task " + k + " is clipped");
        if (a.get(k).clipped()) {
          clipped++;
        } else {
          assertArrayEquals(a.get(k).omega(), b.get(k).omega(), 0.0, "a non-clipped draw is kept");
        }
      }
    }
    assertTrue(clipped > 10, "the family clips about half its tasks, here " + clipped + " of 90");
    nonClipped.run(dir, false, null, null);
    LoadedBundle bundle = MetaParameterBundle.load(dir.resolve(MetaTrainer.BUNDLE), config, BundleOrigin.NETWORK, true);
    assertEquals("non-clipped", bundle.manifest().orElseThrow().training().get("training_tasks"));
  }

  static MetaTrainer annealed(EngramConfig config, int iterations) {
    MetaTrainingOptions o = new MetaTrainingOptions(iterations, 3, 7, 2, 2, 4, 99,
        new LearningRateSchedule.Cosine(1e-2, 4, 0.01), true, 0, java.util.Set.of());
    return new MetaTrainer(config, InnerLoopSettings.reference(), o, Map.of("command", "test"));
  }

  @Test
  void anAnnealedRunResumesOnItsSchedule() throws Exception {
    EngramConfig config = tiny();
    annealed(config, 4).run(dir.resolve("straight"), false, null, null);
    annealed(config, 2).run(dir.resolve("resumed"), false, null, null);
    annealed(config, 4).run(dir.resolve("resumed"), true, null, null);
    trainer(config, 4, 2).run(dir.resolve("stepped"), false, null, null);
    MetaWeights a = trained(dir.resolve("straight"), config);
    MetaWeights b = trained(dir.resolve("resumed"), config);
    MetaWeights c = trained(dir.resolve("stepped"), config);
    for (int k = 0; k < 6; k++) {
      assertArrayEquals(a.block(k), b.block(k), 0.0, MetaWeights.NAMES[k]);
    }
    assertTrue(Math.abs(a.norm() - c.norm()) > 0, "the schedule changed nothing");
    LoadedBundle bundle = MetaParameterBundle.load(dir.resolve("straight").resolve(MetaTrainer.BUNDLE), config,
        BundleOrigin.NETWORK, true);
    assertEquals("cosine", bundle.manifest().orElseThrow().training().get("schedule"));
  }

  @Test
  void writesABundleTheRuntimeAcceptsOverTheNetwork() throws Exception {
    EngramConfig config = tiny();
    MetaTrainer.Result r = trainer(config, 2, 2).run(dir, false, null, null);
    LoadedBundle b = MetaParameterBundle.load(r.bundle(), config, BundleOrigin.NETWORK, true);
    assertEquals("test", b.manifest().orElseThrow().training().get("command"));
    assertEquals(12, b.parameters().traineeRecurrent().rows());
  }

  @Test
  void initialWeightsFireAtTheTargetRates() {
    MetaTrainer t = trainer(tiny(), 1, 1);
    MetaWeights w = t.initialWeights();
    InnerLoopModel.TrainingTrial tt = t.model().trainingTrial(w);
    double rate = 0;
    for (double z : tt.trajectory().z()) {
      rate += z;
    }
    rate = rate / tt.trajectory().z().length * 1000;
    assertEquals(20.0, rate, 3.0);
  }
}
