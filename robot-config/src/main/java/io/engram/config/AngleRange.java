package io.engram.config;

/**
 * A closed interval of joint angles in radians.
 *
 * @param minRad lower bound (rad)
 * @param maxRad upper bound (rad), greater than {@code minRad}
 */
public record AngleRange(double minRad, double maxRad) {

  public AngleRange {
    if (!Double.isFinite(minRad) || !Double.isFinite(maxRad) || !(minRad < maxRad)) {
      throw new IllegalArgumentException(
          "an angle range needs finite min < max, got [" + minRad + ", " + maxRad + "] rad");
    }
  }

  /** The symmetric range [-deg, +deg], given in degrees. */
  public static AngleRange symmetricDegrees(double deg) {
    return degrees(-deg, deg);
  }

  /** The range [minDeg, maxDeg], given in degrees. */
  public static AngleRange degrees(double minDeg, double maxDeg) {
    return new AngleRange(Math.toRadians(minDeg), Math.toRadians(maxDeg));
  }

  /** Whether {@code rad} lies inside the range (bounds included). */
  public boolean contains(double rad) {
    return rad >= minRad && rad <= maxRad;
  }

  /** Whether {@code other} lies entirely inside this range. */
  public boolean contains(AngleRange other) {
    return other.minRad >= minRad && other.maxRad <= maxRad;
  }

  /** {@code rad} clamped into the range. */
  public double clamp(double rad) {
    return Math.max(minRad, Math.min(maxRad, rad));
  }
}
