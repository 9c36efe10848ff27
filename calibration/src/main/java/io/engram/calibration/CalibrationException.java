package io.engram.calibration;

/** A calibration that could not finish: the arm stopped, a joint did not answer, a move timed out. */
public final class CalibrationException extends Exception {

  public CalibrationException(String message) {
    super(message);
  }

  public CalibrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
