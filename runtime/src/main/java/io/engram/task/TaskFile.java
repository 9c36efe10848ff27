package io.engram.task;

import io.engram.npy.NpyArray;
import io.engram.npy.NpyFormatException;
import io.engram.npy.NpzArchive;
import io.engram.npy.NpzWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task files: {@code .npz} archives with {@code omega} (N x T x J, rad/s), {@code angles} (N x T
 * x J, rad), {@code xyz} (N x T x 3, m), float32 or float64, and optionally {@code clipped} (N,
 * bool). Without {@code clipped}, a task counts as clipped when its angles depart from the
 * integrated omega by more than {@value #CLIP_TOLERANCE_RAD} rad. Other members are ignored.
 */
public final class TaskFile {

  /** Angle mismatch (rad) beyond which a task without a {@code clipped} flag counts as clipped. */
  public static final double CLIP_TOLERANCE_RAD = 1e-6;

  private TaskFile() {}

  /**
   * Reads every task of a file.
   *
   * @throws NpyFormatException if a member is missing, of the wrong dtype or shape, or not finite
   */
  public static List<MotionTask> read(Path file, ArmModel arm) throws IOException {
    NpzArchive npz = NpzArchive.read(file);
    NpyArray omega = floating(npz, "omega");
    if (omega.rank() != 3 || omega.dim(2) != arm.joints()) {
      throw new NpyFormatException(
          file + ": omega has shape " + omega.shapeString() + ", expected (N, T, " + arm.joints() + ")");
    }
    int n = omega.dim(0);
    int steps = omega.dim(1);
    int j = arm.joints();
    NpyArray angles = floating(npz, "angles");
    NpyArray xyz = floating(npz, "xyz");
    requireShape(file, "angles", angles, n, steps, j);
    requireShape(file, "xyz", xyz, n, steps, MotionTask.COORDINATES);
    boolean[] clipped = null;
    if (npz.contains("clipped")) {
      NpyArray c = npz.array("clipped");
      if (c.dtype() != io.engram.npy.NpyDType.BOOL || !c.hasShape(n)) {
        throw new NpyFormatException(
            file + ": clipped must be bool of shape (" + n + ",), got " + c.dtype().descr() + " " + c.shapeString());
      }
      clipped = c.toBooleans();
    }
    double[] o = finite(file, "omega", omega.toDoubles());
    double[] a = finite(file, "angles", angles.toDoubles());
    double[] x = finite(file, "xyz", xyz.toDoubles());
    List<MotionTask> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] oi = Arrays.copyOfRange(o, i * steps * j, (i + 1) * steps * j);
      double[] ai = Arrays.copyOfRange(a, i * steps * j, (i + 1) * steps * j);
      double[] xi = Arrays.copyOfRange(x, i * steps * 3, (i + 1) * steps * 3);
      boolean ci = clipped != null ? clipped[i] : departs(arm.integrate(oi, steps), ai);
      tasks.add(new MotionTask(steps, j, oi, ai, xi, ci));
    }
    return tasks;
  }

  /** Writes tasks (all of one length and joint count) as float32 members plus {@code clipped}. */
  public static void write(Path file, List<MotionTask> tasks) throws IOException {
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("no tasks to write");
    }
    int n = tasks.size();
    int steps = tasks.get(0).steps();
    int j = tasks.get(0).joints();
    double[] o = new double[n * steps * j];
    double[] a = new double[n * steps * j];
    double[] x = new double[n * steps * 3];
    boolean[] c = new boolean[n];
    for (int i = 0; i < n; i++) {
      MotionTask t = tasks.get(i);
      if (t.steps() != steps || t.joints() != j) {
        throw new IllegalArgumentException("task " + i + " differs in length or joints");
      }
      System.arraycopy(t.omega(), 0, o, i * steps * j, steps * j);
      System.arraycopy(t.angles(), 0, a, i * steps * j, steps * j);
      System.arraycopy(t.xyz(), 0, x, i * steps * 3, steps * 3);
      c[i] = t.clipped();
    }
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    arrays.put("omega", NpyArray.ofFloat32(new int[] {n, steps, j}, o));
    arrays.put("angles", NpyArray.ofFloat32(new int[] {n, steps, j}, a));
    arrays.put("xyz", NpyArray.ofFloat32(new int[] {n, steps, 3}, x));
    arrays.put("clipped", NpyArray.ofBool(new int[] {n}, c));
    NpzWriter.write(file, arrays, true);
  }

  private static boolean departs(double[] integrated, double[] angles) {
    for (int i = 0; i < angles.length; i++) {
      if (Math.abs(integrated[i] - angles[i]) > CLIP_TOLERANCE_RAD) {
        return true;
      }
    }
    return false;
  }

  private static NpyArray floating(NpzArchive npz, String key) throws NpyFormatException {
    NpyArray a = npz.array(key);
    if (!a.dtype().isFloating()) {
      throw new NpyFormatException(npz.source() + ": " + key + " must be float32 or float64, got " + a.dtype().descr());
    }
    return a;
  }

  private static void requireShape(Path file, String key, NpyArray a, int... shape)
      throws NpyFormatException {
    if (!a.hasShape(shape)) {
      throw new NpyFormatException(
          file + ": " + key + " has shape " + a.shapeString() + ", expected " + Arrays.toString(shape));
    }
  }

  private static double[] finite(Path file, String key, double[] v) throws NpyFormatException {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new NpyFormatException(file + ": " + key + " holds a non-finite value at flat index " + i);
      }
    }
    return v;
  }
}
