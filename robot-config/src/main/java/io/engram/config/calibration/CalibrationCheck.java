package io.engram.config.calibration;

import io.engram.config.ConfigException;
import io.engram.config.ConfigProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a calibration belongs to the robot about to use it and is recent enough. Under a
 * strict {@link CalibrationPolicy} a finding is an error; otherwise it is a warning the caller
 * shows.
 */
public final class CalibrationCheck {

  private CalibrationCheck() {}

  /**
   * The findings for {@code calibration} loaded from {@code source} for robot {@code robotId} at
   * {@code now}; empty when it can be trusted.
   *
   * @throws ConfigException under a strict policy, when there is any finding
   */
  public static List<String> check(Calibration calibration, String source, String robotId,
      Instant now, CalibrationPolicy policy) {
    List<String> findings = new ArrayList<>();
    if (!calibration.robotId().equals(robotId)) {
      findings.add("calibration made for robot '" + calibration.robotId()
          + "', not for '" + robotId + "'");
    }
    Duration age = Duration.between(calibration.created(), now);
    if (age.compareTo(policy.maxAge()) > 0) {
      findings.add("calibration is " + describe(age) + " old (made " + calibration.created()
          + "), older than the allowed " + describe(policy.maxAge()) + "; calibrate again");
    } else if (age.isNegative() && age.abs().compareTo(Duration.ofMinutes(5)) > 0) {
      findings.add("calibration is dated " + calibration.created()
          + ", in the future; is the board's clock set?");
    }
    if (policy.strict() && !findings.isEmpty()) {
      throw new ConfigException(source, findings.stream().map(f -> ConfigProblem.at("", f)).toList());
    }
    return List.copyOf(findings);
  }

  private static String describe(Duration d) {
    if (d.toDays() >= 2) {
      return d.toDays() + " days";
    }
    if (d.toHours() >= 2) {
      return d.toHours() + " hours";
    }
    return d.toMinutes() + " minutes";
  }
}
