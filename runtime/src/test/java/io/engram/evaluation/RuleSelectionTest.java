package io.engram.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bundle.MetaParameters;
import io.engram.bundle.RandomInitialWeights;
import io.engram.config.CrossbarConfig;
import io.engram.config.CrossbarPreset;
import io.engram.config.EngramConfig;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.crossbar.CrossbarFactory;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.synapse.FloatSynapticMatrix;
import io.engram.synapse.SynapticMatrix;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The configured rule is the one that runs; the readout may live on a crossbar array. */
class RuleSelectionTest {

  private static final EngramConfig BASE = EngramConfig.defaults();
  private static final NetworkShape SHAPE = NetworkParameters.trainee(BASE.network()).shape();
  private static final MetaParameters RANDOM = RandomInitialWeights.of(BASE).draw(2, 20);
  private static final List<MotionTask> TASKS = TaskFamily.of(BASE).sample(4, 9);

  private static EngramConfig withRule(LearningRule rule) {
    LearningConfig l = BASE.learning();
    return BASE.withLearning(new LearningConfig(rule, l.eta(), l.updateQuantum(), l.readout(), l.eprop()));
  }

  private static Supplier<SynapticMatrix> floats() {
    return () -> new FloatSynapticMatrix(SHAPE.synapticRows(), SHAPE.neurons());
  }

  private static Supplier<SynapticMatrix> readoutArrays(CrossbarPreset preset) {
    CrossbarFactory f = CrossbarFactory.of(CrossbarConfig.forPreset(preset));
    return () -> f.create(SHAPE.neurons(), SHAPE.readouts());
  }

  @Test
  void theConfiguredRuleRuns() throws Exception {
    for (LearningRule rule : new LearningRule[] {LearningRule.READOUT, LearningRule.EPROP}) {
      InnerLoopEvaluation e = InnerLoopEvaluation.of(withRule(rule), RANDOM, floats());
      TaskOutcome o = e.runAll(TASKS.subList(0, 1), 1).get(0);
      assertEquals(e.rule().name(), o.adaptation().rule());
      assertEquals(rule == LearningRule.EPROP ? BASE.learning().eprop().trials() : 1, o.adaptation().trainingTrials());
      assertTrue(o.adaptationNanos() > 0 && o.adaptationNanos() <= o.nanos());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> InnerLoopEvaluation.of(withRule(LearningRule.NATURAL_EPROP), RANDOM, floats()),
        "natural e-prop needs the LSG");
  }

  @Test
  void aReadoutOnAnIdealArrayMatchesSoftwareAndNoisyDevicesCostAccuracy() throws Exception {
    InnerLoopEvaluation software = InnerLoopEvaluation.of(withRule(LearningRule.READOUT), RANDOM, floats());
    List<TaskOutcome> exact = software.runAll(TASKS, 2);
    List<TaskOutcome> ideal = software.withReadoutOn(readoutArrays(CrossbarPreset.IDEAL)).runAll(TASKS, 2);
    List<TaskOutcome> pcm = software.withReadoutOn(readoutArrays(CrossbarPreset.PCM)).runAll(TASKS, 2);
    List<TaskOutcome> pcmAgain = software.withReadoutOn(readoutArrays(CrossbarPreset.PCM)).runAll(TASKS, 1);
    double eExact = OutcomeSummary.of(exact).lossAfter();
    double eIdeal = OutcomeSummary.of(ideal).lossAfter();
    double ePcm = OutcomeSummary.of(pcm).lossAfter();
    double eBefore = OutcomeSummary.of(exact).lossBefore();
    // The ideal array only quantises the weights (8-bit conductance codes).
    assertEquals(eExact, eIdeal, 0.05 * eBefore, "ideal array " + eIdeal + " vs software " + eExact);
    assertNotEquals(exact.get(0).outputAfter()[10], pcm.get(0).outputAfter()[10]);
    assertTrue(ePcm > eExact, "programming and read noise cost accuracy: " + ePcm + " vs " + eExact);
    assertTrue(ePcm < 0.5 * eBefore, "but the readout still learns: " + ePcm + " vs " + eBefore + " before");
    for (int i = 0; i < TASKS.size(); i++) {
      assertArrayEquals(pcm.get(i).outputAfter(), pcmAgain.get(i).outputAfter(), 0.0, "seeded per task");
    }
  }
}
