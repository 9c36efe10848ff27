package io.engram.bridge.dynamixel;

/** A device answered with a non-zero error number in its status packet. */
public final class DynamixelStatusException extends DynamixelException {
  private final int id;
  private final int errByte;

  public DynamixelStatusException(int id, int errByte, String what) {
    super("id " + id + " answered " + what + " with " + StatusError.of(errByte).description()
        + (StatusError.alert(errByte) ? " (hardware alert)" : ""));
    this.id = id;
    this.errByte = errByte;
  }

  public int id() {
    return id;
  }

  public StatusError error() {
    return StatusError.of(errByte);
  }

  public boolean alert() {
    return StatusError.alert(errByte);
  }
}
