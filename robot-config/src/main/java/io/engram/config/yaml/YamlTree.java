package io.engram.config.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.engram.config.ConfigProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parses YAML text into {@link YamlNode}s that keep their positions, reporting duplicate keys. */
final class YamlTree {

  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

  private YamlTree() {}

  /** The document's root (null when the text has none) and what was wrong with it. */
  record Parsed(YamlNode root, List<ConfigProblem> problems) {}

  static Parsed parse(String text) {
    List<ConfigProblem> problems = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Parsed(null, problems);
      }
      YamlNode root = read(parser, first, "", problems);
      JsonToken next = parser.nextToken();
      if (next != null) {
        JsonLocation at = parser.currentTokenLocation();
        problems.add(new ConfigProblem("", at.getLineNr(), at.getColumnNr(),
            "the file holds more than one YAML document; a configuration is a single document"));
      }
      return new Parsed(root, problems);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      problems.add(new ConfigProblem("", at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(), "not valid YAML: " + firstLine(e.getOriginalMessage())));
      return new Parsed(null, problems);
    } catch (IOException e) {
      problems.add(ConfigProblem.at("", "cannot read the YAML text: " + e.getMessage()));
      return new Parsed(null, problems);
    }
  }

  private static YamlNode read(JsonParser p, JsonToken token, String path, List<ConfigProblem> problems)
      throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    switch (token) {
      case START_OBJECT -> {
        YamlNode.Mapping mapping = new YamlNode.Mapping(line, column);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          JsonLocation keyAt = p.currentTokenLocation();
          String name = p.currentName();
          String childPath = path.isEmpty() ? name : path + "." + name;
          YamlNode value = read(p, p.nextToken(), childPath, problems);
          YamlNode.Key key = new YamlNode.Key(name, keyAt.getLineNr(), keyAt.getColumnNr());
          YamlNode.Key earlier = mapping.keys().get(name);
          if (earlier != null) {
            problems.add(new ConfigProblem(childPath, key.line(), key.column(),
                "duplicate key; it was already given on line " + earlier.line()));
          } else {
            mapping.keys().put(name, key);
            mapping.values().put(name, value);
          }
        }
        if (t != JsonToken.END_OBJECT) {
          throw new IllegalStateException("unbalanced YAML mapping at line " + line);
        }
        return mapping;
      }
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == null) {
            throw new IllegalStateException("unbalanced YAML list at line " + line);
          }
          items.add(read(p, t, path + "[" + items.size() + "]", problems));
        }
        return new YamlNode.Sequence(line, column, List.copyOf(items));
      }
      case VALUE_STRING -> {
        return scalar(line, column, YamlNode.Scalar.Type.STRING, p.getText(), null);
      }
      case VALUE_NUMBER_INT -> {
        return scalar(line, column, YamlNode.Scalar.Type.INTEGER, p.getText(), p.getNumberValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return scalar(line, column, YamlNode.Scalar.Type.REAL, p.getText(), p.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return scalar(line, column, YamlNode.Scalar.Type.BOOLEAN, p.getText(), null);
      }
      case VALUE_NULL -> {
        return scalar(line, column, YamlNode.Scalar.Type.NULL, p.getText(), null);
      }
      default -> {
        problems.add(new ConfigProblem(path, line, column, "unsupported YAML element " + token));
        return scalar(line, column, YamlNode.Scalar.Type.NULL, "", null);
      }
    }
  }

  private static YamlNode.Scalar scalar(int line, int column, YamlNode.Scalar.Type type, String text,
      Number number) {
    return new YamlNode.Scalar(line, column, type, text, number);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }

  /** A place in the file (1-based). */
  record Position(int line, int column) {}

  /**
   * Where {@code path} ({@code a.b[2].c}) was written: its value, or, when the path does not exist,
   * the key of its deepest existing ancestor (the top of the file for none).
   */
  static Position locate(YamlNode root, String path) {
    YamlNode node = root;
    Position at = new Position(root.line(), root.column());
    if (path.isEmpty()) {
      return at;
    }
    for (String segment : path.split("\\.")) {
      String name = segment;
      List<Integer> indices = new ArrayList<>();
      int bracket = segment.indexOf('[');
      if (bracket >= 0) {
        name = segment.substring(0, bracket);
        for (String idx : segment.substring(bracket + 1).split("\\]\\[?")) {
          if (!idx.isEmpty()) {
            indices.add(Integer.parseInt(idx));
          }
        }
      }
      if (!(node instanceof YamlNode.Mapping mapping) || !mapping.values().containsKey(name)) {
        return at;
      }
      YamlNode.Key key = mapping.keys().get(name);
      at = new Position(key.line(), key.column());
      node = mapping.values().get(name);
      for (int i : indices) {
        if (!(node instanceof YamlNode.Sequence seq) || i >= seq.items().size()) {
          return at;
        }
        node = seq.items().get(i);
        at = new Position(node.line(), node.column());
      }
    }
    return new Position(node.line(), node.column());
  }
}
