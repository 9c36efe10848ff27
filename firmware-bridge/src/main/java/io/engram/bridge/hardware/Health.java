package io.engram.bridge.hardware;

/** What one {@link HardwareInterface#read} found; anything but OK stops an active arm. */
public enum Health {
  /** A fresh sample of every joint arrived. */
  OK,
  /** No fresh sample this cycle, but the last one is younger than the sensor timeout. */
  LATE,
  /** No fresh sample for longer than the sensor timeout. */
  STALE,
  /** The link is down. */
  LINK_DOWN,
  /** The arm's controller reports a fault (watchdog, power, hardware alert). */
  ARM_FAULT,
  /** The emergency stop is latched. */
  ESTOP,
  /** The component is not configured (or already shut down). */
  NOT_READY;

  /** Whether the arm may keep moving after a read with this result. */
  public boolean canMove() {
    return this == OK || this == LATE;
  }
}
