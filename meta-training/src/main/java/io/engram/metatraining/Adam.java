package io.engram.metatraining;

/** Adam over the six meta-parameter blocks, its learning rate set by a {@link LearningRateSchedule}. */
public final class Adam {

  public static final double BETA1 = 0.9;
  public static final double BETA2 = 0.999;
  public static final double EPSILON = 1e-8;

  private final LearningRateSchedule schedule;
  private final MetaWeights m;
  private final MetaWeights v;
  private long step;

  public Adam(MetaWeights like, LearningRateSchedule schedule) {
    this(MetaWeights.zeros(like.layout()), MetaWeights.zeros(like.layout()), 0, schedule);
  }

  /** Resumes from saved moments. */
  public Adam(MetaWeights m, MetaWeights v, long step, LearningRateSchedule schedule) {
    this.m = m;
    this.v = v;
    this.step = step;
    this.schedule = java.util.Objects.requireNonNull(schedule);
  }

  /** The learning rate at iteration {@code iteration} (0-based). */
  public double rate(long iteration) {
    return schedule.rate(iteration);
  }

  /** Applies one step to {@code w} from gradient {@code g}. */
  public void step(MetaWeights w, MetaWeights g) {
    step(w, g, false);
  }

  /**
   * Applies one step to {@code w} from gradient {@code g}.
   *
   * @param relative scale each matrix's step by its root-mean-square weight, so the learning rate
   *     reads as a fraction of the matrix's size (Adam's steps are otherwise the same absolute
   *     size for matrices whose weights differ by orders of magnitude)
   */
  public void step(MetaWeights w, MetaWeights g, boolean relative) {
    double lr = rate(step);
    step++;
    double c1 = 1 - Math.pow(BETA1, step);
    double c2 = 1 - Math.pow(BETA2, step);
    for (int k = 0; k < MetaWeights.NAMES.length; k++) {
      double[] x = w.block(k);
      double[] gk = g.block(k);
      double[] mk = m.block(k);
      double[] vk = v.block(k);
      double scale = 1.0;
      if (relative) {
        double sq = 0;
        for (double xi : x) {
          sq += xi * xi;
        }
        scale = x.length == 0 ? 0 : Math.sqrt(sq / x.length);
      }
      double lrk = lr * scale;
      for (int i = 0; i < x.length; i++) {
        double gi = gk[i];
        mk[i] = BETA1 * mk[i] + (1 - BETA1) * gi;
        vk[i] = BETA2 * vk[i] + (1 - BETA2) * gi * gi;
        x[i] -= lrk * (mk[i] / c1) / (Math.sqrt(vk[i] / c2) + EPSILON);
      }
    }
  }

  public MetaWeights firstMoment() {
    return m;
  }

  public MetaWeights secondMoment() {
    return v;
  }

  /** Steps taken. */
  public long steps() {
    return step;
  }
}
