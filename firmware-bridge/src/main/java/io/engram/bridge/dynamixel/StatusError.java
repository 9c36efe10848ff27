package io.engram.bridge.dynamixel;

/**
 * The error number in a status packet's ERR byte (bits 0..6); bit 7 is the hardware alert flag,
 * meaning the device's Hardware Error Status register holds a fault.
 */
public enum StatusError {
  NONE(0, "no error"),
  RESULT_FAIL(1, "result fail"),
  INSTRUCTION(2, "instruction error"),
  CRC(3, "CRC error"),
  DATA_RANGE(4, "data range error"),
  DATA_LENGTH(5, "data length error"),
  DATA_LIMIT(6, "data limit error"),
  ACCESS(7, "access error"),
  UNKNOWN(-1, "unknown error");

  public static final int ALERT_BIT = 0x80;

  private final int number;
  private final String description;

  StatusError(int number, String description) {
    this.number = number;
    this.description = description;
  }

  public int number() {
    return number;
  }

  public String description() {
    return description;
  }

  /** The error named by an ERR byte, ignoring the alert flag. */
  public static StatusError of(int errByte) {
    int n = errByte & 0x7F;
    for (StatusError e : values()) {
      if (e.number == n) {
        return e;
      }
    }
    return UNKNOWN;
  }

  /** Whether an ERR byte carries the hardware alert flag. */
  public static boolean alert(int errByte) {
    return (errByte & ALERT_BIT) != 0;
  }
}
