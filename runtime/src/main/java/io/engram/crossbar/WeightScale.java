package io.engram.crossbar;

/**
 * How weights map to conductances: the weight of largest magnitude {@code w_max} maps to a fully
 * programmed cell ({@code sum_k f_k Gmax}); weights beyond {@code w_max} saturate there.
 *
 * @param mode where {@code w_max} comes from
 * @param fixedMax the {@code w_max} of {@link Mode#FIXED}; ignored otherwise
 */
public record WeightScale(Mode mode, double fixedMax) {

  /** Source of {@code w_max}. */
  public enum Mode {
    /** max |w| over the whole array (IBM's toolkit). */
    ARRAY,
    /** max |w| of each column; the column's digital output factor undoes it. */
    COLUMN,
    /** A given value; weights beyond it are clipped (the reference robot code used 1). */
    FIXED
  }

  public static final WeightScale ARRAY = new WeightScale(Mode.ARRAY, 0);
  public static final WeightScale COLUMN = new WeightScale(Mode.COLUMN, 0);

  public WeightScale {
    if (mode == null) {
      throw new IllegalArgumentException("weight scale mode is required");
    }
    if (mode == Mode.FIXED && !(fixedMax > 0 && Double.isFinite(fixedMax))) {
      throw new IllegalArgumentException("a fixed w_max must be positive, got " + fixedMax);
    }
  }

  /** A fixed {@code w_max}. */
  public static WeightScale fixed(double wMax) {
    return new WeightScale(Mode.FIXED, wMax);
  }
}
