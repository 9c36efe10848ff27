package io.engram.metatraining;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.EngramConfig;
import io.engram.config.NetworkConfig;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.evaluation.OutcomeSummary;
import io.engram.learning.NaturalEpropParameters;
import io.engram.snn.ClockEncoder;
import io.engram.snn.NetworkParameters;
import io.engram.snn.SpikeRaster;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConstructedStartTest {

  /** Reference encoders and task; trainee 5-150-2, LSG 53-254(LIF)-150. */
  static EngramConfig small() {
    return EngramConfig.defaults().withNetwork(NetworkConfig.defaults().withSizes(150, 254, 0));
  }

  static MetaTrainer trainer(EngramConfig config, long seed) {
    MetaTrainingOptions o = new MetaTrainingOptions(0, 4, seed, 2, 1, 8, 99, 1e-3, 0.99, 500, true);
    return new MetaTrainer(config, InnerLoopSettings.reference(), o, Map.of("command", "test"));
  }

  @Test
  void temporalBasisNeuronsFireOnlyInTheirOwnSlot() {
    EngramConfig config = small();
    MetaWeights w = MetaWeights.zeros(trainer(config, 1).model().layout());
    TemporalBasisTrainee.standard().writeInto(w, 3);
    int n = 150;
    double[] in = w.block(MetaWeights.IN);
    for (double r : w.block(MetaWeights.REC)) {
      assertEquals(0.0, r, "no recurrent weights to start with");
    }
    int[] slot = new int[n];
    for (int j = 0; j < n; j++) {
      int drives = 0;
      for (int c = 0; c < 5; c++) {
        double v = in[c * n + j];
        if (v > 0) {
          drives++;
          slot[j] = c;
          assertTrue(v >= 0.25 && v < 0.9, "drive " + v);
        }
      }
      assertEquals(1, drives, "one slot per neuron");
    }
    double[] out = w.block(MetaWeights.OUT);
    for (int j = 0; j + 1 < n; j += 2) {
      assertEquals(-out[j * 2], out[(j + 1) * 2], 0.0, "paired readouts");
      assertEquals(in[slot[j] * n + j], in[slot[j] * n + j + 1], 0.0, "paired inputs");
    }
    DifferentiableNetwork net =
        new DifferentiableNetwork(NetworkParameters.trainee(config.network()), SpikeFunction.HEAVISIDE);
    SpikeRaster clock = ClockEncoder.reference().encode(249);
    Trajectory tr = net.forward(in, w.block(MetaWeights.REC), out, clock);
    int active = 0;
    for (int j = 0; j < n; j++) {
      int spikes = 0;
      for (int t = 0; t < 249; t++) {
        if (tr.z()[t * n + j] != 0) {
          spikes++;
          assertTrue(t >= 50 * slot[j] && t < 50 * slot[j] + 50, "neuron " + j + " fires at " + t + ", slot " + slot[j]);
        }
      }
      if (spikes > 0) {
        active++;
      }
    }
    assertTrue(active >= n * 9 / 10, active + " of " + n + " neurons fire");
    double maxOut = 0;
    for (double y : tr.y()) {
      maxOut = Math.max(maxOut, Math.abs(y));
    }
    assertEquals(0.0, maxOut, 1e-12, "paired readouts cancel before learning");
    MetaWeights again = MetaWeights.zeros(w.layout());
    TemporalBasisTrainee.standard().writeInto(again, 3);
    assertArrayEquals(in, again.block(MetaWeights.IN), 0.0, "seeded");
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 10})
  void velocityCodedLsgSamplesTheTargetOnAFixedCycle(int lowestBit) {
    EngramConfig config = small();
    MetaWeights w = MetaWeights.zeros(trainer(config, 1).model().layout());
    VelocityCodedLsg code = VelocityCodedLsg.standard().withLowestBit(lowestBit);
    code.writeInto(w, 5, 16, 11);
    int n = 254;
    double[] in = w.block(MetaWeights.LSG_IN);
    for (int c = 0; c < 3; c++) {
      for (int b = 0; b < 16; b++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum += Math.abs(in[(5 + c * 16 + b) * n + j]);
        }
        assertEquals(b >= lowestBit, sum > 0, "coordinate " + c + " bit " + b + " read");
      }
    }
    DifferentiableNetwork net = new DifferentiableNetwork(
        NetworkParameters.learningSignalGenerator(config.network()), SpikeFunction.HEAVISIDE);
    MotionTask task = TaskFamily.of(config).sample(20, 3).stream().filter(t -> !t.clipped()).findFirst().orElseThrow();
    Trajectory tr = net.forward(w.block(MetaWeights.LSG_IN), w.block(MetaWeights.LSG_REC), new double[n * 150],
        trainer(config, 1).model().lsgInput(task));
    for (int k = 0; k < VelocityCodedLsg.RING; k++) {
      for (int t = 0; t < 249; t++) {
        assertEquals(t % 5 == k ? 1.0 : 0.0, tr.z()[t * n + k], 0.0, "ring neuron " + k + " at step " + t);
      }
    }
    // The synchronised relays of x at phase 0 give x five steps earlier, to about a centimetre
    // more than the lowest bit read.
    int bits = 16 - code.lowestBit();
    int sync0 = VelocityCodedLsg.RING + 3 * bits;
    double tolerance = 0.02 + Math.pow(2, code.lowestBit() - 15); // plus the lowest bit's step
    int good = 0;
    int samples = 0;
    for (int t = 20; t < 249; t += 5) {
      double decoded = 0;
      for (int b = 0; b < bits; b++) {
        decoded += tr.z()[t * n + sync0 + b] * Math.pow(2, code.lowestBit() + b - 15);
      }
      double x = task.xyz()[(t - 5) * 3];
      double expected = (x + 1) % 2;
      samples++;
      if (Math.abs(decoded - expected) < tolerance) {
        good++;
      }
    }
    assertTrue(good >= 0.9 * samples, good + " of " + samples + " samples within " + tolerance + " m");
  }

  @Test
  void positionNeuronsReadTheTargetAtTheBitsFullPrecision() {
    EngramConfig config = small();
    MetaTrainer trainer = trainer(config, 1);
    double[] centre = MetaTrainer.home(io.engram.task.ArmModel.of(config));
    assertArrayEquals(new double[] {0.92, -0.033, 0.3585}, centre, 0.0, "home to 0.1 mm");
    MetaWeights w = MetaWeights.zeros(trainer.model().layout());
    int count = 20;
    VelocityCodedLsg code = VelocityCodedLsg.standard().withLowestBit(10).withPositionNeurons(count);
    code.writeInto(w, 5, 16, centre, 11);
    int n = 254;
    int first = n - count;
    double[] in = w.block(MetaWeights.LSG_IN);
    double[] rec = w.block(MetaWeights.LSG_REC);
    for (int c = 0; c < 3; c++) {
      for (int b = 0; b < 16; b++) {
        for (int j = 0; j < n; j++) {
          double x = in[(5 + c * 16 + b) * n + j];
          if (j >= first) {
            assertTrue(x != 0, "position neuron " + j + " reads coordinate " + c + " bit " + b);
          } else if (b < 10) {
            assertEquals(0.0, x, "only position neurons read bit " + b);
          }
        }
      }
    }
    // Input current k v.(p - centre) + c at every step, to the truncation of the lowest bit.
    MotionTask task = TaskFamily.of(config).sample(20, 3).stream()
        .filter(t -> !t.clipped() && maxZ(t) < 1).findFirst().orElseThrow();
    SpikeRaster input = trainer.model().lsgInput(task);
    DifferentiableNetwork net = new DifferentiableNetwork(
        NetworkParameters.learningSignalGenerator(config.network()), SpikeFunction.HEAVISIDE);
    Trajectory tr = net.forward(in, rec, new double[n * 150], input);
    int firing = 0;
    for (int j = first; j < n; j++) {
      double[] kv = new double[3];
      double l1 = 0;
      for (int c = 0; c < 3; c++) {
        kv[c] = in[(5 + c * 16 + 15) * n + j]; // bit 15 stands for 1 m
        l1 += Math.abs(kv[c]);
      }
      for (int k = 0; k < VelocityCodedLsg.RING; k++) {
        assertEquals(rec[j], rec[k * n + j], 0.0, "the same bias from every ring neuron");
      }
      double lowest = Double.POSITIVE_INFINITY;
      double highest = Double.NEGATIVE_INFINITY;
      double maxCurrent = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < 249; t++) {
        double current = rec[j];
        for (int i = 5; i < 53; i++) {
          if (input.isActive(t, i)) {
            current += in[i * n + j];
          }
        }
        double projection = 0;
        for (int c = 0; c < 3; c++) {
          projection += kv[c] * (task.xyz()[t * 3 + c] - centre[c]);
        }
        lowest = Math.min(lowest, current - projection);
        highest = Math.max(highest, current - projection);
        maxCurrent = Math.max(maxCurrent, current);
      }
      assertTrue(highest - lowest <= l1 * Math.pow(2, -15), "neuron " + j + ": offset varies by " + (highest - lowest));
      assertTrue(lowest > -l1 * Math.pow(2, -15) && highest < 0.1 + l1 * Math.pow(2, -15), "neuron " + j + ": offset " + lowest);
      int spikes = 0;
      for (int t = 0; t < 249; t++) {
        spikes += (int) tr.z()[t * n + j];
      }
      if (maxCurrent / (1 - Math.exp(-1.0 / 20)) < 1.3) {
        assertEquals(0, spikes, "neuron " + j + " never reaches the threshold");
      }
      firing += spikes > 0 ? 1 : 0;
    }
    assertTrue(firing >= count / 4, firing + " of " + count + " position neurons fire");
    // Weights below the position neurons are those of the wiring without them.
    MetaWeights without = MetaWeights.zeros(w.layout());
    VelocityCodedLsg.standard().withLowestBit(10).writeInto(without, 5, 16, 11);
    for (int j = 0; j < VelocityCodedLsg.RING + 18 * 7; j++) {
      for (int i = 0; i < 53; i++) {
        assertEquals(without.block(MetaWeights.LSG_IN)[i * n + j], in[i * n + j], 0.0);
      }
    }
  }

  private static double maxZ(MotionTask t) {
    double z = Double.NEGATIVE_INFINITY;
    for (int k = 2; k < t.xyz().length; k += 3) {
      z = Math.max(z, t.xyz()[k]);
    }
    return z;
  }

  @Test
  void aWiringThatReadsNoBitsOrLeavesNoMixingNeuronsIsRefused() {
    MetaWeights w = MetaWeights.zeros(trainer(small(), 1).model().layout());
    IllegalArgumentException noBits = assertThrows(IllegalArgumentException.class,
        () -> VelocityCodedLsg.standard().withLowestBit(16).writeInto(w, 5, 16, 1));
    assertTrue(noBits.getMessage().contains("leaves no bits"), noBits.getMessage());
    IllegalArgumentException noMixers = assertThrows(IllegalArgumentException.class,
        () -> VelocityCodedLsg.standard().withLowestBit(0).writeInto(w, 5, 16, 1));
    assertTrue(noMixers.getMessage().contains("no mixing neurons"), noMixers.getMessage());
    // Bits 10..15: 131 wired neurons; 123 position neurons leave none of the 254 for mixing.
    IllegalArgumentException crowded = assertThrows(IllegalArgumentException.class,
        () -> VelocityCodedLsg.standard().withLowestBit(10).withPositionNeurons(123).writeInto(w, 5, 16, 1));
    assertTrue(crowded.getMessage().contains("needs more than 254 neurons"), crowded.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VelocityCodedLsg.standard().withPositionNeurons(-1));
    assertThrows(IllegalArgumentException.class, () -> VelocityCodedLsg.standard().withLowestBit(-1));
  }

  @Test
  void theConstructedStartLearnsInOneShotOnItsFitTasks() throws Exception {
    EngramConfig config = small();
    MetaTrainer trainer = trainer(config, 5);
    MetaWeights w = trainer.constructedWeights(80);
    List<MotionTask> fit = TaskFamily.of(config).sample(80, 5 ^ 0xC0EFL).stream().filter(t -> !t.clipped()).toList();
    OutcomeSummary s = OutcomeSummary.of(InnerLoopEvaluation.floatNaturalEprop(config, w.toMetaParameters(),
        NaturalEpropParameters.of(config.learning())).runAll(fit, 2));
    assertTrue(s.eeAfterCm() < 0.5 * s.eeBeforeCm(),
        "one update from " + s.eeBeforeCm() + " cm reached only " + s.eeAfterCm() + " cm");
    double constants = trainer.construction().orElseThrow().constantsEeNonClippedCm();
    assertTrue(constants < s.eeAfterCm(), "the per-neuron constants (" + constants
        + " cm) bound what their fitted readout reaches (" + s.eeAfterCm() + " cm)");
    MetaWeights again = trainer(config, 5).constructedWeights(80);
    assertArrayEquals(w.block(MetaWeights.LSG_OUT), again.block(MetaWeights.LSG_OUT), 0.0, "seeded");
  }

  @Test
  void trainingTheLsgMixingChangesOnlyTheWeightsIntoTheMixingNeurons(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    EngramConfig config = small();
    int n = 254;
    int first = VelocityCodedLsg.standard().fixedNeurons(16);
    MetaTrainingOptions o = new MetaTrainingOptions(2, 4, 5, 2, 1, 8, 99, 1e-2, 0.99, 500, true)
        .withLsgTrainedFrom(first);
    MetaTrainer trainer = new MetaTrainer(config, InnerLoopSettings.reference(), o, Map.of("command", "test"));
    MetaWeights start = trainer.constructedWeights(16);
    trainer.run(dir, false, start, null);
    MetaWeights end = Checkpoint.read(dir, trainer.model().layout()).weights();
    int changedTail = 0;
    for (int k : new int[] {MetaWeights.LSG_IN, MetaWeights.LSG_REC}) {
      double[] a = start.block(k);
      double[] b = end.block(k);
      for (int i = 0; i < a.length / n; i++) {
        for (int c = 0; c < n; c++) {
          int at = i * n + c;
          boolean trained = c >= first && (k == MetaWeights.LSG_IN || i < first);
          if (trained) {
            changedTail += a[at] != b[at] ? 1 : 0;
          } else {
            assertEquals(a[at], b[at], 0.0, MetaWeights.NAMES[k] + "[" + i + "][" + c + "] keeps its wiring");
          }
        }
      }
    }
    assertTrue(changedTail > 1000, "the weights into the mixing neurons train: " + changedTail + " changed");
    assertTrue(java.util.Arrays.stream(end.block(MetaWeights.LSG_OUT)).anyMatch(x -> x != 0.0));
    io.engram.bundle.LoadedBundle bundle = io.engram.bundle.MetaParameterBundle.load(
        dir.resolve(MetaTrainer.BUNDLE), config, io.engram.bundle.BundleOrigin.NETWORK, true);
    assertEquals(first, ((Number) bundle.manifest().orElseThrow().training().get("lsg_trained_from_neuron")).intValue());
  }
}
