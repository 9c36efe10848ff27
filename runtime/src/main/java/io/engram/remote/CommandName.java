package io.engram.remote;

import java.util.Locale;
import java.util.Optional;

/** The commands accepted on {@code cmd/<name>}. */
public enum CommandName {
  /** Stop the arm now and latch the stop. */
  ESTOP,
  /** Clear a latched e-stop or fault and return to idle. */
  RESET,
  /** Take a target trajectory as the demonstration and adapt to it. */
  ADAPT,
  /** Perform the learned motion. */
  RUN,
  /** Stop the motion under way and hold still. */
  STOP;

  /** The name in the topic: lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The command a topic suffix names. */
  public static Optional<CommandName> fromWire(String name) {
    for (CommandName c : values()) {
      if (c.wireName().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
