package io.engram.telemetry;

import java.util.Locale;

/** What the runtime is doing, as published (retained) on the {@code status} topic. */
public enum RuntimeState {
  /** Connected; the session has not reported a state yet. */
  ONLINE,
  /** Ready: the arm holds still and waits for a command. */
  IDLE,
  /** Taking a demonstration and adapting the weights. */
  ADAPTING,
  /** Performing a motion. */
  RUNNING,
  /** The emergency stop is latched; the motors are disabled. */
  ESTOP,
  /** Stopped by a fault (link, sensor, arm); the motors are disabled. */
  FAULT,
  /** Gone: published on a clean shutdown and, as the last will, by the broker. */
  OFFLINE;

  /** The name on the wire: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
