package io.engram.bridge.hardware;

/** A lifecycle transition failed: the arm did not answer, or answered something unexpected. */
public final class HardwareException extends Exception {
  public HardwareException(String message) {
    super(message);
  }

  public HardwareException(String message, Throwable cause) {
    super(message, cause);
  }
}
