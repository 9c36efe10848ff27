package io.engram.crossbar;

/**
 * Moments of {@code max(0, X)} for {@code X ~ N(m, s^2)}: the mean and variance of one rectified
 * noisy device read, which the fast read-noise mode sums per column.
 */
final class RectifiedNormal {

  private static final double INV_SQRT_2PI = 0.3989422804014327;

  private RectifiedNormal() {}

  static double mean(double m, double s) {
    if (s == 0) {
      return Math.max(m, 0);
    }
    double a = m / s;
    return m * cdf(a) + s * INV_SQRT_2PI * Math.exp(-0.5 * a * a);
  }

  static double variance(double m, double s) {
    if (s == 0) {
      return 0;
    }
    double a = m / s;
    double phi = INV_SQRT_2PI * Math.exp(-0.5 * a * a);
    double cdf = cdf(a);
    double mean = m * cdf + s * phi;
    double second = (m * m + s * s) * cdf + m * s * phi;
    return Math.max(second - mean * mean, 0);
  }

  /** Standard normal CDF through erfc (Chebyshev fit, fractional error below 1.2e-7). */
  static double cdf(double x) {
    return 0.5 * erfc(-x / Math.sqrt(2));
  }

  private static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
