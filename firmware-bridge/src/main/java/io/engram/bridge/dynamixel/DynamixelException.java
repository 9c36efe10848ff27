package io.engram.bridge.dynamixel;

import java.io.IOException;

/** A Dynamixel transaction failed: no reply in time, or a reply with an error. */
public class DynamixelException extends IOException {
  public DynamixelException(String message) {
    super(message);
  }
}
