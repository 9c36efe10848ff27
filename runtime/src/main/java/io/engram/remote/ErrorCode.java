package io.engram.remote;

import java.util.Locale;

/** Why a command or a bundle was refused, as {@code error.code} on {@code cmd/ack}. */
public enum ErrorCode {
  /** The payload is not a JSON object. */
  MALFORMED,
  /** A key is missing, unknown, or has a value of the wrong type or range. */
  INVALID_ARGUMENT,
  /** No such command. */
  UNKNOWN_COMMAND,
  /** The runtime does not handle this command (nothing registered for it). */
  UNSUPPORTED,
  /** The command does not fit the runtime's state (e.g. run while the e-stop is latched). */
  REFUSED,
  /** Another command is still being carried out (adapting or running), or too many wait. */
  BUSY,
  /** {@code run} before any {@code adapt}: there is no learned motion to perform. */
  NOT_LEARNED,
  /** The motion ended before it was complete: a stop or e-stop command, or a shutdown, ended it. */
  STOPPED,
  /** The command was accepted but failed while carried out. */
  FAILED,
  /** A delivered bundle was refused; the running one stays. */
  INVALID_BUNDLE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
