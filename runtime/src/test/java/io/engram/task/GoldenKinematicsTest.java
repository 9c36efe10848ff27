package io.engram.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.config.EngramConfig;
import io.engram.kinematics.EdScorbotEr7Kinematics;
import io.engram.npy.NpyArray;
import io.engram.npy.NpzArchive;
import io.engram.testing.SharedReference;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arm model and the metrics against the golden tasks. */
class GoldenKinematicsTest {

  private static final ArmModel ARM = ArmModel.of(EngramConfig.defaults());

  @Test
  void edScorbotKinematicsReproducesTheGoldenTargets() throws Exception {
    NpzArchive golden = NpzArchive.read(SharedReference.goldenTasks());
    NpyArray angles = golden.array("angles");
    NpyArray xyz = golden.array("xyz");
    EdScorbotEr7Kinematics fk = new EdScorbotEr7Kinematics();
    double[] p = new double[3];
    int tasks = angles.dim(0);
    int steps = angles.dim(1);
    for (int i = 0; i < tasks; i++) {
      double worst = 0;
      for (int t = 0; t < steps; t++) {
        int a = (i * steps + t) * 2;
        fk.forward(angles.get(a), angles.get(a + 1), 0, 0, p);
        for (int c = 0; c < 3; c++) {
          worst = Math.max(worst, Math.abs(p[c] - xyz.get((i * steps + t) * 3 + c)));
        }
      }
      assertEquals(0, worst, 1e-6, "task " + i + ": max xyz deviation (m)");
    }
    assertArrayEquals(new double[] {0.920, -0.033, 0.3585}, fk.position(0, 0, 0, 0), 5e-4);
  }

  @Test
  void metricsReproduceTheGoldenErrors() throws Exception {
    NpzArchive golden = NpzArchive.read(SharedReference.goldenTasks());
    List<MotionTask> tasks = TaskFile.read(SharedReference.goldenTasks(), ARM);
    TaskMetrics metrics = new TaskMetrics(ARM);
    double[] outBefore = golden.array("out_before").toDoubles();
    double[] outAfter = golden.array("out_after").toDoubles();
    double[] outQ16 = golden.array("out_after_q16").toDoubles();
    for (int i = 0; i < tasks.size(); i++) {
      MotionTask task = tasks.get(i);
      int per = task.steps() * task.joints();
      MotionError before = metrics.measure(task, Arrays.copyOfRange(outBefore, i * per, (i + 1) * per));
      MotionError after = metrics.measure(task, Arrays.copyOfRange(outAfter, i * per, (i + 1) * per));
      MotionError q16 = metrics.measure(task, Arrays.copyOfRange(outQ16, i * per, (i + 1) * per));
      assertEquals(golden.array("ee_before_cm").get(i), before.endEffectorErrorCm(), 1e-5);
      assertEquals(golden.array("ee_after_cm").get(i), after.endEffectorErrorCm(), 1e-5);
      assertEquals(golden.array("ee_after_q16_cm").get(i), q16.endEffectorErrorCm(), 1e-5);
      for (int k = 0; k < 2; k++) {
        assertEquals(golden.array("rmse_before").get(2 * i + k), before.omegaRmse()[k], 1e-6);
        assertEquals(golden.array("rmse_after").get(2 * i + k), after.omegaRmse()[k], 1e-6);
        assertEquals(golden.array("rmse_after_q16").get(2 * i + k), q16.omegaRmse()[k], 1e-6);
      }
      assertEquals(golden.array("clipped").toBooleans()[i], task.clipped());
    }
  }
}
