package io.engram.bridge.dynamixel;

/** No (complete, valid) status packet arrived before the transaction's timeout. */
public final class DynamixelTimeoutException extends DynamixelException {
  private final int id;

  public DynamixelTimeoutException(int id, String what) {
    super("no reply from id " + id + " to " + what);
    this.id = id;
  }

  public int id() {
    return id;
  }
}
