package io.engram.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration.
 *
 * @param path key path in the file's terms, e.g. {@code robot.joints[1].limits-deg}; empty for
 *     the whole file
 * @param line 1-based line in the file, 0 when unknown (configurations built in code)
 * @param column 1-based column, 0 when unknown
 * @param message what is wrong, in words a user can act on
 */
public record ConfigProblem(String path, int line, int column, String message) {

  public ConfigProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** A problem without a position. */
  public static ConfigProblem at(String path, String message) {
    return new ConfigProblem(path, 0, 0, message);
  }

  /** The same problem at {@code line}:{@code column}. */
  public ConfigProblem locatedAt(int atLine, int atColumn) {
    return new ConfigProblem(path, atLine, atColumn, message);
  }

  /** {@code source:line:column: path: message}, the form compilers use. */
  public String format(String source) {
    StringBuilder sb = new StringBuilder();
    if (source != null && !source.isEmpty()) {
      sb.append(source).append(':');
    }
    if (line > 0) {
      sb.append(line).append(':');
      if (column > 0) {
        sb.append(column).append(':');
      }
    }
    if (sb.length() > 0) {
      sb.append(' ');
    }
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }

  @Override
  public String toString() {
    return format("");
  }
}
