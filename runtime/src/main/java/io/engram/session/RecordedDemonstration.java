package io.engram.session;

import io.engram.config.ControlConfig;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;

/**
 * Turns joint angles sampled while a person moved the arm into a target motion.
 *
 * <p>The samples are resampled to the network's time base (one per arm step, linearly in the times
 * they were taken, so periods the loop skipped do not shift the motion), smoothed
 * with a normalised periodic Hann window of {@value #SMOOTHING_STEPS} steps (ends padded with
 * their edge values) to take out encoder quantisation and noise, and differentiated: omega_t =
 * (angle_t - angle_{t-1}) / armStep with angle_{-1} the first sample. A recording that did not
 * start at home gives angles that do not integrate from home; the task is then marked clipped, as
 * the metrics of such tasks compare end-effector paths only.
 */
public final class RecordedDemonstration {

  /** Smoothing window (network steps): 150 ms of arm time at the reference time base. */
  public static final int SMOOTHING_STEPS = 15;

  private RecordedDemonstration() {}

  /**
   * A target from {@code samples} (periods x driven joints, row-major, rad) taken at {@code timesS}
   * (seconds, increasing, from 0); sample 0 is the start pose.
   */
  public static MotionTask toTask(double[] samples, double[] timesS, ControlConfig control,
      ArmModel arm) {
    int joints = arm.joints();
    int periods = timesS.length;
    int steps = control.trialSteps();
    double armStep = control.integrationConstantS();
    double[] raw = new double[(steps + 1) * joints];
    int i = 0;
    for (int t = 0; t <= steps; t++) {
      double time = t * armStep;
      while (i < periods - 2 && timesS[i + 1] <= time) {
        i++;
      }
      double span = timesS[i + 1] - timesS[i];
      double f = span > 0 ? Math.max(0, Math.min(1, (time - timesS[i]) / span)) : 0;
      for (int k = 0; k < joints; k++) {
        double a = samples[i * joints + k];
        double b = samples[(i + 1) * joints + k];
        raw[t * joints + k] = a + (b - a) * f;
      }
    }
    double[] smooth = smooth(raw, steps + 1, joints, SMOOTHING_STEPS);
    double[] angles = new double[steps * joints];
    double[] omega = new double[steps * joints];
    boolean offHome = false;
    for (int k = 0; k < joints; k++) {
      offHome |= Math.abs(smooth[k]) > control.homeTolerance();
      for (int t = 0; t < steps; t++) {
        double now = smooth[(t + 1) * joints + k];
        double previous = t == 0 ? smooth[k] : smooth[t * joints + k];
        angles[t * joints + k] = now;
        omega[t * joints + k] = (now - previous) / armStep;
      }
    }
    double[] xyz = arm.endEffector(angles, steps);
    return new MotionTask(steps, joints, omega, angles, xyz, offHome);
  }

  /** Centred smoothing of each column with a normalised periodic Hann window of length w. */
  static double[] smooth(double[] x, int rows, int columns, int w) {
    double[] kernel = new double[w];
    double total = 0;
    for (int i = 0; i < w; i++) {
      kernel[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / w);
      total += kernel[i];
    }
    int half = w / 2;
    double[] out = new double[x.length];
    for (int c = 0; c < columns; c++) {
      for (int r = 0; r < rows; r++) {
        double s = 0;
        for (int i = 0; i < w; i++) {
          int src = Math.max(0, Math.min(rows - 1, r + i - half));
          s += kernel[i] * x[src * columns + c];
        }
        out[r * columns + c] = s / total;
      }
    }
    return out;
  }
}
