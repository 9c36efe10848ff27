package io.engram.cli.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A systemd unit file as sections of keys, each with the values of its assignments in order. */
final class SystemdUnit {

  private final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();

  static SystemdUnit parse(String text) {
    SystemdUnit unit = new SystemdUnit();
    Map<String, List<String>> section = null;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = unit.sections.computeIfAbsent(line.substring(1, line.length() - 1),
            s -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (section == null || eq < 0) {
        throw new IllegalArgumentException("not a unit file line: " + raw);
      }
      section.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
          .add(line.substring(eq + 1).strip());
    }
    return unit;
  }

  /** The values of {@code key} in {@code section} (empty if unset). */
  List<String> all(String section, String key) {
    return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
  }

  /** The last value of {@code key} (the one in effect), or null. */
  String get(String section, String key) {
    List<String> values = all(section, key);
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }

  /**
   * The value of {@code Environment=} variable {@code name}: assignments are {@code NAME=value} or
   * {@code "NAME=value with spaces"}.
   */
  String environment(String name) {
    String found = null;
    for (String assignment : all("Service", "Environment")) {
      String a = assignment.startsWith("\"") && assignment.endsWith("\"")
          ? assignment.substring(1, assignment.length() - 1) : assignment;
      if (a.startsWith(name + "=")) {
        found = a.substring(name.length() + 1);
      }
    }
    return found;
  }

  /** A systemd size ({@code 256M}, {@code 1G}, {@code 512K}) in bytes. */
  static long bytes(String size) {
    char unit = Character.toUpperCase(size.charAt(size.length() - 1));
    long factor = unit == 'K' ? 1L << 10 : unit == 'M' ? 1L << 20 : unit == 'G' ? 1L << 30 : 1;
    String digits = Character.isDigit(unit) ? size : size.substring(0, size.length() - 1);
    return Long.parseLong(digits) * factor;
  }

  /** A systemd time span ({@code 20s}, {@code 2min}, {@code 90}) in seconds. */
  static double seconds(String span) {
    if (span.endsWith("min")) {
      return 60 * Double.parseDouble(span.substring(0, span.length() - 3));
    }
    if (span.endsWith("ms")) {
      return Double.parseDouble(span.substring(0, span.length() - 2)) / 1000;
    }
    if (span.endsWith("s")) {
      return Double.parseDouble(span.substring(0, span.length() - 1));
    }
    return Double.parseDouble(span);
  }
}
