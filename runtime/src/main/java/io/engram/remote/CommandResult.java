package io.engram.remote;

import java.util.Map;
import java.util.Objects;

/**
 * The answer to one command: success with result fields, or an error code and a message that says
 * exactly what was wrong.
 */
public record CommandResult(boolean ok, Map<String, Object> result, ErrorCode error, String message) {

  public CommandResult {
    Objects.requireNonNull(result, "result");
    if (ok != (error == null)) {
      throw new IllegalArgumentException("a result is ok exactly when it has no error code");
    }
    message = message == null ? "" : message;
  }

  public static CommandResult success() {
    return new CommandResult(true, Map.of(), null, "");
  }

  /** Success with result fields (names in snake_case, values JSON-serialisable). */
  public static CommandResult success(Map<String, Object> result) {
    return new CommandResult(true, result, null, "");
  }

  public static CommandResult failure(ErrorCode code, String message) {
    return new CommandResult(false, Map.of(), Objects.requireNonNull(code, "code"), message);
  }
}
