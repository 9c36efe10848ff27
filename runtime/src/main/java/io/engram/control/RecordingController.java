package io.engram.control;

/**
 * Records the driven joints' measured angles for a number of periods while the motors stay
 * disabled (a person, or a scripted external motion, moves the arm). Does not allocate.
 */
public final class RecordingController implements LoopController {

  private final int[] driven;
  private final int periods;
  private final double[] angles;
  private int p;

  /**
   * @param driven joint indices to record
   * @param periods periods to record
   */
  public RecordingController(int[] driven, int periods) {
    this.driven = driven.clone();
    this.periods = periods;
    this.angles = new double[periods * driven.length];
  }

  @Override
  public void start() {
    p = 0;
  }

  @Override
  public boolean update(double[] measured, double[] setPoints) {
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
}
