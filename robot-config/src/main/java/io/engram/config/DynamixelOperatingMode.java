package io.engram.config;

/** Dynamixel Operating Mode (control table address 11). */
public enum DynamixelOperatingMode {
  /** Mode 1: Goal Velocity commands each step. */
  VELOCITY(1),
  /** Mode 3: Goal Position commands each step (velocity integrated on the controller). */
  POSITION(3);

  private final int register;

  DynamixelOperatingMode(int register) {
    this.register = register;
  }

  /** The value written to the Operating Mode register. */
  public int register() {
    return register;
  }
}
