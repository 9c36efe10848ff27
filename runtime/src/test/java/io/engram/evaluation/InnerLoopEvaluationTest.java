package io.engram.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bundle.BundleLayout;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.config.EngramConfig;
import io.engram.learning.NaturalEpropParameters;
import io.engram.npy.NpzArchive;
import io.engram.snn.ClockEncoder;
import io.engram.snn.NetworkParameters;
import io.engram.snn.TargetBitEncoder;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import io.engram.task.TaskFile;
import io.engram.testing.SharedReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InnerLoopEvaluationTest {

  @Test
  void reproducesTheGoldenErrorsWhateverTheThreadCount() throws Exception {
    MetaParameters meta =
        MetaParameterBundle.read(SharedReference.metaBundle(), BundleLayout.reference(), true);
    NpzArchive golden = NpzArchive.read(SharedReference.goldenTasks());
    ArmModel arm = ArmModel.of(EngramConfig.defaults());
    List<MotionTask> tasks = new ArrayList<>(TaskFile.read(SharedReference.goldenTasks(), arm));
    tasks.addAll(tasks); // twelve tasks, so threads share trainees
    InnerLoopEvaluation evaluation =
        InnerLoopEvaluation.floatNaturalEprop(
            EngramConfig.defaults(), meta, NaturalEpropParameters.reference());
    List<TaskOutcome> one = evaluation.runAll(tasks, 1);
    List<TaskOutcome> three = evaluation.runAll(tasks, 3);
    for (int i = 0; i < tasks.size(); i++) {
      int g = i % 6;
      assertEquals(i, three.get(i).index());
      assertArrayEquals(one.get(i).outputAfter(), three.get(i).outputAfter(), 0.0);
      assertEquals(golden.array("ee_before_cm").get(g), one.get(i).before().endEffectorErrorCm(), 1e-5);
      assertEquals(golden.array("ee_after_cm").get(g), one.get(i).after().endEffectorErrorCm(), 1e-5);
      assertEquals(golden.array("rate_after_hz").get(g), one.get(i).rateAfterHz(), 1e-9);
      assertEquals(golden.array("rate_lsg_hz").get(g), one.get(i).adaptation().learningSignalRateHz(), 1e-9);
      assertTrue(one.get(i).adaptation().cellsWritten() > 0);
    }
    OutcomeSummary summary = OutcomeSummary.of(one.subList(0, 6));
    double mean = 0;
    for (int g = 0; g < 6; g++) {
      mean += golden.array("ee_after_cm").get(g) / 6;
    }
    assertEquals(mean, summary.eeAfterCm(), 1e-5);
  }

  @Test
  void configuredParametersEqualThePresets() {
    EngramConfig c = EngramConfig.defaults();
    assertEquals(NetworkParameters.trainee(), NetworkParameters.trainee(c.network()));
    assertEquals(NetworkParameters.learningSignalGenerator(), NetworkParameters.learningSignalGenerator(c.network()));
    assertEquals(ClockEncoder.reference(), ClockEncoder.of(c.network().clock()));
    assertEquals(TargetBitEncoder.reference(), TargetBitEncoder.of(c.network().targetEncoding()));
    assertEquals(NaturalEpropParameters.reference(), NaturalEpropParameters.of(c.learning()));
    assertEquals(BundleLayout.reference(), BundleLayout.of(c.network()));
  }
}
