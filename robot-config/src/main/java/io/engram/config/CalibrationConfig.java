package io.engram.config;

import io.engram.config.calibration.CalibrationPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The calibration file a session applies (written by {@code engram calibrate}) and how far it is
 * trusted.
 *
 * @param file calibration file; empty to run on the configuration as written
 * @param maxAge a calibration older than this is stale
 * @param strict true: a stale calibration, or one made for another robot id, stops the session
 *     before the arm moves; false: it is a warning
 */
public record CalibrationConfig(Optional<Path> file, Duration maxAge, boolean strict) {

  public CalibrationConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(maxAge, "maxAge");
    policyOf(maxAge, strict);
  }

  /** No calibration file; when one is given, stale after 30 days, and findings are warnings. */
  public static CalibrationConfig defaults() {
    CalibrationPolicy p = CalibrationPolicy.defaults();
    return new CalibrationConfig(Optional.empty(), p.maxAge(), p.strict());
  }

  /** This configuration reading {@code newFile}. */
  public CalibrationConfig withFile(Path newFile) {
    return new CalibrationConfig(Optional.of(newFile), maxAge, strict);
  }

  /** The policy {@code CalibrationCheck} applies. */
  public CalibrationPolicy policy() {
    return policyOf(maxAge, strict);
  }

  private static CalibrationPolicy policyOf(Duration maxAge, boolean strict) {
    try {
      return new CalibrationPolicy(maxAge, strict);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("calibration: " + e.getMessage(), e);
    }
  }
}
