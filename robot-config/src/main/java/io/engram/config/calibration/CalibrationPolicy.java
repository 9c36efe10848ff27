package io.engram.config.calibration;

import java.time.Duration;
import java.util.Objects;

/**
 * How a calibration file is trusted when it is loaded.
 *
 * @param maxAge a calibration older than this is stale
 * @param strict true: a stale calibration or one made for another robot is an error; false: a
 *     warning
 */
public record CalibrationPolicy(Duration maxAge, boolean strict) {

  public CalibrationPolicy {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("the maximum calibration age must be positive");
    }
  }

  /** Stale after 30 days; a warning, not an error. */
  public static CalibrationPolicy defaults() {
    return new CalibrationPolicy(Duration.ofDays(30), false);
  }
}
