package io.engram.metatraining;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.EngramConfig;
import io.engram.config.LsgConfig;
import io.engram.config.NetworkConfig;
import io.engram.config.TraineeConfig;
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

class ConstructedStartTest {

  /** Reference encoders and task; trainee 5-150-2, LSG 53-100(30 ALIF)-150. */
  static EngramConfig small() {
    NetworkConfig d = NetworkConfig.defaults();
    TraineeConfig t = d.trainee();
    LsgConfig l = d.lsg();
    return EngramConfig.defaults()
        .withNetwork(
            new NetworkConfig(d.dtMs(),
                new TraineeConfig(t.inputs(), 150, t.outputs(), t.tauMemMs(), t.tauOutMs(),
                    t.threshold(), t.gamma(), t.refractorySteps()),
                new LsgConfig(l.inputs(), 100, 30, 150, l.tauMemMs(), l.tauOutMs(), l.threshold(),
                    l.adaptationStrength(), l.tauAdaptationMs(), l.gamma(), l.refractorySteps()),
                d.clock(), d.targetEncoding()));
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

  @Test
  void populationCodeCurrentIsLinearInTheTargetPosition() {
    EngramConfig config = small();
    MetaWeights w = MetaWeights.zeros(trainer(config, 1).model().layout());
    PopulationCodedLsg code = PopulationCodedLsg.standard();
    code.writeInto(w, 5, 16, 11);
    double[] in = w.block(MetaWeights.LSG_IN);
    int n = 100;
    // Current into neuron m from x = (count / 2^15) - 1 for counts a multiple of 2^lowestBit.
    for (int m = 0; m < n; m += 7) {
      double[] current = new double[3];
      int[] counts = {3 << 12, 5 << 12, 7 << 12};
      for (int k = 0; k < 3; k++) {
        for (int b = 0; b < 16; b++) {
          if ((counts[k] >> b & 1) != 0) {
            current[k] += in[(5 + b) * n + m];
          }
        }
      }
      assertEquals(current[1] - current[0], current[2] - current[1], 1e-12, "equal steps, equal current changes");
      assertTrue(Math.abs(current[1] - current[0]) > 0 || Math.abs(in[(5 + 15) * n + m]) == 0);
    }
  }

  @Test
  void theConstructedStartLearnsInOneShotOnItsFitTasks() throws Exception {
    EngramConfig config = small();
    MetaTrainer trainer = trainer(config, 5);
    MetaWeights w = trainer.constructedWeights(120);
    List<MotionTask> fit = TaskFamily.of(config).sample(120, 5 ^ 0xC0EFL).stream().filter(t -> !t.clipped()).toList();
    OutcomeSummary s = OutcomeSummary.of(InnerLoopEvaluation.floatNaturalEprop(config, w.toMetaParameters(),
        NaturalEpropParameters.of(config.learning())).runAll(fit, 2));
    assertTrue(s.eeAfterCm() < 0.5 * s.eeBeforeCm(),
        "one update from " + s.eeBeforeCm() + " cm reached only " + s.eeAfterCm() + " cm");
    MetaWeights again = trainer(config, 5).constructedWeights(120);
    assertArrayEquals(w.block(MetaWeights.LSG_OUT), again.block(MetaWeights.LSG_OUT), 0.0, "seeded");
  }
}
