package io.engram.control;

/**
 * Records the driven joints' measured angles, and when each was taken, for a number of periods
 * while the motors stay disabled (a person, or a scripted external motion, moves the arm). Does
 * not allocate.
 */
public final class RecordingController implements LoopController {

  private final int[] driven;
  private final int periods;
  private final Runnable onStart;
  private final double[] angles;
  private final long[] times;
  private int p;

  /**
   * @param driven joint indices to record
   * @param periods periods to record
   * @param onStart run on the loop's thread just before the first sample (starts a scripted
   *     motion in step with the recording), or null
   */
  public RecordingController(int[] driven, int periods, Runnable onStart) {
    this.driven = driven.clone();
    this.periods = periods;
    this.onStart = onStart;
    this.angles = new double[periods * driven.length];
    this.times = new long[periods];
  }

  @Override
  public void start() {
    p = 0;
    if (onStart != null) {
      onStart.run();
    }
  }

  @Override
  public boolean update(double[] measured, double[] setPoints) {
    times[p] = System.nanoTime();
    for (int k = 0; k < driven.length; k++) {
      angles[p * driven.length + k] = measured[driven[k]];
    }
    p++;
    return p >= periods;
  }

  /** Periods recorded so far. */
  public int recorded() {
    return p;
  }

  /** The recorded angles (rad), periods x driven joints, row-major. */
  public double[] angles() {
    return angles.clone();
  }

  /** When each sample was taken, seconds after the first. */
  public double[] timesS() {
    double[] t = new double[periods];
    for (int i = 0; i < p; i++) {
      t[i] = (times[i] - times[0]) * 1e-9;
    }
    return t;
  }
}
