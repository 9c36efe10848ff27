package io.engram.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.snn.LearningSignalGenerator;
import io.engram.snn.Trainee;
import io.engram.snn.TrialRecord;
import io.engram.task.MotionTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole inner loop against the float64 reference on the golden tasks: outputs before, the
 * learning signals, both weight updates, outputs after (exact and 1/16-rounded update), rates.
 */
class NaturalEpropGoldenTest {

  /** The golden values are stored as float32; the model runs in double. */
  private static final double RELATIVE = 1e-5;

  private static GoldenTasks golden;
  private static LearningSignalGenerator lsg;

  @BeforeAll
  static void load() throws Exception {
    golden = GoldenTasks.load();
    lsg = golden.newLsg();
  }

  static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    double scale = 0;
    double worst = 0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      double d = Math.abs(expected[i] - actual[i]);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    assertTrue(scale > 0, what + ": golden values are all zero");
    assertTrue(
        worst <= RELATIVE * scale,
        what + ": max |diff| " + worst + " at " + at + " exceeds " + RELATIVE + " x " + scale);
  }

  @ParameterizedTest(name = "golden task {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  void reproducesTheReference(int index) throws Exception {
    MotionTask task = golden.task(index);
    Trainee trainee = golden.newTrainee();
    NaturalEprop rule = new NaturalEprop(lsg, NaturalEpropParameters.reference());

    TrialRecord before = trainee.run(task.steps(), null);
    assertClose(golden.slice("out_before", index), before.outputs(), "out_before");
    assertEquals(golden.scalar("rate_before_hz", index), before.firingRateHz(), 1e-9, "rate before");

    EpropUpdate update = rule.computeUpdate(trainee, task);
    assertClose(golden.slice("learning_signal", index), update.learningSignals().outputs(), "learning_signal");
    assertEquals(golden.scalar("rate_lsg_hz", index), update.learningSignals().firingRateHz(), 1e-9, "LSG rate");
    assertClose(golden.slice("dw_in", index), update.inputDelta().toArray(), "dw_in");
    assertClose(golden.slice("dw_rec", index), update.recurrentDelta().toArray(), "dw_rec");

    long written = trainee.network().update(update.delta());
    assertTrue(written > 0);
    TrialRecord after = trainee.run(task.steps(), null);
    assertClose(golden.slice("out_after", index), after.outputs(), "out_after");
    assertEquals(golden.scalar("rate_after_hz", index), after.firingRateHz(), 1e-9, "rate after");

    Trainee rounded = golden.newTrainee();
    NaturalEprop q16 =
        new NaturalEprop(lsg, NaturalEpropParameters.reference().withQuantum(new UpdateQuantum(1.0 / 16)));
    Adaptation adaptation = q16.adapt(rounded, task);
    assertTrue(adaptation.cellsWritten() > 0 && adaptation.cellsWritten() < written);
    assertClose(golden.slice("out_after_q16", index), rounded.run(task.steps(), null).outputs(), "out_after_q16");
  }
}
