package io.engram.config.yaml;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes resolved configuration values as YAML in the style of the examples: nested mappings as
 * blocks, lists of scalars in flow style ({@code [-155, 155]}), lists of mappings as block items.
 */
final class YamlWriter {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/.][A-Za-z0-9_./:+<>-]*");
  private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "on", "off", "true",
      "false", "null", "~");

  private YamlWriter() {}

  static String write(Map<String, Object> mapping) {
    StringBuilder out = new StringBuilder();
    mapping(mapping, 0, out);
    return out.toString();
  }

  private static void mapping(Map<?, ?> mapping, int indent, StringBuilder out) {
    for (Map.Entry<?, ?> e : mapping.entrySet()) {
      Object value = e.getValue();
      if (value instanceof Map<?, ?> m && m.isEmpty()) {
        continue;
      }
      out.append(" ".repeat(indent)).append(e.getKey()).append(':');
      value(value, indent, out);
    }
  }

  private static void value(Object value, int indent, StringBuilder out) {
    if (value instanceof Map<?, ?> m) {
      out.append('\n');
      mapping(m, indent + 2, out);
    } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
      out.append('\n');
      for (Object item : list) {
        StringBuilder block = new StringBuilder();
        mapping((Map<?, ?>) item, indent + 4, block);
        out.append(" ".repeat(indent + 2)).append("- ").append(block.substring(indent + 4));
      }
    } else if (value instanceof List<?> list) {
      out.append(" [");
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(scalar(list.get(i)));
      }
      out.append("]\n");
    } else {
      out.append(' ').append(scalar(value)).append('\n');
    }
  }

  private static String scalar(Object value) {
    if (value instanceof Double d) {
      return Bounds.number(d);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    String s = String.valueOf(value);
    if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(java.util.Locale.ROOT))) {
      return s;
    }
    return "'" + s.replace("'", "''") + "'";
  }
}
