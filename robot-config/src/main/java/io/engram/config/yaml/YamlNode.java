package io.engram.config.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node of a parsed YAML document that remembers where it was written (1-based line, column). */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

  int line();

  int column();

  /** What kind of value this is, for error messages ("a mapping", "the string 'abc'"). */
  String describe();

  /** A key of a mapping, where the key itself was written. */
  record Key(String name, int line, int column) {}

  /** A mapping; keys keep their order and position. */
  record Mapping(int line, int column, Map<String, Key> keys, Map<String, YamlNode> values)
      implements YamlNode {
    Mapping(int line, int column) {
      this(line, column, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A sequence. */
  record Sequence(int line, int column, List<YamlNode> items) implements YamlNode {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A scalar with its YAML type. */
  record Scalar(int line, int column, Type type, String text, Number number) implements YamlNode {

    /** The type YAML resolved a scalar to. */
    enum Type {
      STRING,
      INTEGER,
      REAL,
      BOOLEAN,
      NULL
    }

    @Override
    public String describe() {
      return switch (type) {
        case STRING -> "the string '" + text + "'";
        case INTEGER -> "the integer " + text;
        case REAL -> "the number " + text;
        case BOOLEAN -> "the boolean " + text;
        case NULL -> "an empty value";
      };
    }
  }
}
