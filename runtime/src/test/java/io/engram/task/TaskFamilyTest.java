package io.engram.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.EngramConfig;
import io.engram.npy.NpyArray;
import io.engram.npy.NpyFormatException;
import io.engram.npy.NpzWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFamilyTest {

  private static final EngramConfig CONFIG = EngramConfig.defaults();
  private static final TaskFamily FAMILY = TaskFamily.of(CONFIG);

  @TempDir Path dir;

  @Test
  void samplingIsSeededAndPerTaskIndependent() {
    List<MotionTask> a = FAMILY.sample(5, 42);
    List<MotionTask> b = FAMILY.sample(3, 42);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(a.get(i).omega(), b.get(i).omega());
    }
    assertNotEquals(a.get(0).omega()[100], FAMILY.sample(1, 43).get(0).omega()[100]);
  }

  @Test
  void tasksRespectTheLimitsAndFollowTheirAngles() {
    ArmModel arm = FAMILY.arm();
    double base = Math.toRadians(130);
    double shoulder = Math.toRadians(70);
    int clipped = 0;
    List<MotionTask> tasks = FAMILY.sample(200, 1);
    for (MotionTask t : tasks) {
      assertEquals(249, t.steps());
      double[] integrated = arm.integrate(t.omega(), t.steps());
      boolean departs = false;
      for (int i = 0; i < t.omega().length; i++) {
        assertTrue(Math.abs(t.omega()[i]) <= Math.PI);
        double limit = i % 2 == 0 ? base : shoulder;
        assertTrue(Math.abs(t.angles()[i]) <= limit + 1e-12);
        departs |= Math.abs(integrated[i] - t.angles()[i]) > 1e-12;
      }
      assertEquals(departs, t.clipped());
      assertArrayEquals(arm.endEffector(t.angles(), t.steps()), t.xyz(), 0.0);
      clipped += t.clipped() ? 1 : 0;
    }
    // About half of the family hits the angle clip.
    assertTrue(clipped > 60 && clipped < 140, "clipped tasks: " + clipped);
  }

  @Test
  void omegaIsASmoothedWalkOfTheConfiguredScale() {
    double sumSq = 0;
    double maxStep = 0;
    List<MotionTask> tasks = FAMILY.sample(100, 7);
    for (MotionTask t : tasks) {
      for (int s = 1; s < t.steps(); s++) {
        for (int k = 0; k < 2; k++) {
          maxStep = Math.max(maxStep, Math.abs(t.omega(s, k) - t.omega(s - 1, k)));
        }
      }
      sumSq += t.omega(t.steps() / 2, 0) * t.omega(t.steps() / 2, 0);
    }
    // A walk with sigma 0.065 has spread about 0.065 sqrt(124) = 0.72 rad/s at mid-trial;
    // smoothing keeps it close and makes steps far smaller than one increment.
    double spread = Math.sqrt(sumSq / tasks.size());
    assertTrue(spread > 0.4 && spread < 1.0, "spread " + spread);
    assertTrue(maxStep < 0.065, "largest step " + maxStep);
  }

  @Test
  void hannWindowAndSmoothing() {
    double[] w = TaskFamily.hann(120);
    double sum = 0;
    for (double x : w) {
      sum += x;
    }
    assertEquals(1.0, sum, 1e-12);
    assertEquals(0.0, w[0]);
    assertEquals(w[59], w[61], 1e-15);
    // A constant walk stays constant where the window sees no front padding, and the mirrored
    // tail keeps the end flat too.
    double[] x = new double[249];
    java.util.Arrays.fill(x, 2.0);
    double[] s = FAMILY.smooth(x);
    assertEquals(2.0, s[100], 1e-12);
    assertEquals(2.0, s[248], 1e-12);
    assertTrue(s[0] < 1.1 && s[0] > 0.9, "half the window on zeros at the start: " + s[0]);
  }

  @Test
  void taskFilesRoundTripAndDeriveTheClipFlag() throws Exception {
    List<MotionTask> tasks = FAMILY.sample(6, 3);
    Path file = dir.resolve("tasks.npz");
    TaskFile.write(file, tasks);
    List<MotionTask> read = TaskFile.read(file, FAMILY.arm());
    for (int i = 0; i < tasks.size(); i++) {
      assertEquals(tasks.get(i).clipped(), read.get(i).clipped());
      assertEquals((float) tasks.get(i).xyz()[5], (float) read.get(i).xyz()[5]);
    }
    // Without the flag, clipping is told by angles that no longer follow omega.
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    double[][] parts = new double[3][];
    String[] keys = {"omega", "angles", "xyz"};
    for (int k = 0; k < 3; k++) {
      int per = k == 2 ? 249 * 3 : 249 * 2;
      parts[k] = new double[6 * per];
      for (int i = 0; i < 6; i++) {
        double[] src = k == 0 ? tasks.get(i).omega() : k == 1 ? tasks.get(i).angles() : tasks.get(i).xyz();
        System.arraycopy(src, 0, parts[k], i * per, per);
      }
      arrays.put(keys[k], NpyArray.ofFloat64(new int[] {6, 249, k == 2 ? 3 : 2}, parts[k]));
    }
    Path noFlag = dir.resolve("noflag.npz");
    NpzWriter.write(noFlag, arrays, false);
    List<MotionTask> derived = TaskFile.read(noFlag, FAMILY.arm());
    for (int i = 0; i < 6; i++) {
      assertEquals(tasks.get(i).clipped(), derived.get(i).clipped(), "task " + i);
    }
    arrays.put("xyz", NpyArray.ofFloat64(new int[] {6, 249, 2}, parts[1]));
    Path bad = dir.resolve("bad.npz");
    NpzWriter.write(bad, arrays, false);
    assertThrows(NpyFormatException.class, () -> TaskFile.read(bad, FAMILY.arm()));
  }

  @Test
  void metricsOfAPerfectOutputAreZero() {
    MotionTask t = FAMILY.sample(1, 11).stream().filter(x -> !x.clipped()).findFirst()
        .orElseGet(() -> FAMILY.sample(20, 12).stream().filter(x -> !x.clipped()).findFirst().orElseThrow());
    MotionError e = new TaskMetrics(FAMILY.arm()).measure(t, t.omega());
    assertEquals(0, e.endEffectorErrorCm(), 1e-9);
    assertArrayEquals(new double[] {0, 0}, e.omegaRmse(), 0);
    assertEquals(0, e.loss(), 1e-18);
  }
}
