package io.engram.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The payload schemas of {@code docs/mqtt.md} (a {@code ### `P/topic`} heading followed by a JSON
 * block), and a validator for the subset of JSON Schema they use: type, enum, required,
 * properties, additionalProperties false, items, minLength/maxLength, minimum/maximum.
 */
final class DocumentedSchemas {

  private static final Pattern BLOCK =
      Pattern.compile("### `P/([^`]+)`[^\\n]*\\n((?:(?!###).)*?)```json\\n(.*?)\\n```", Pattern.DOTALL);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonNode> schemas = new LinkedHashMap<>();

  static Path doc() {
    String root = System.getProperty("engram.repo.root");
    return (root != null ? Path.of(root) : Path.of("..")).resolve("docs/mqtt.md");
  }

  static DocumentedSchemas read() throws IOException {
    DocumentedSchemas s = new DocumentedSchemas();
    Matcher m = BLOCK.matcher(Files.readString(doc(), StandardCharsets.UTF_8));
    while (m.find()) {
      s.schemas.put(m.group(1), JSON.readTree(m.group(3)));
    }
    return s;
  }

  /** Topic suffixes (after the prefix) with a schema; {@code cmd/<name>} for commands. */
  List<String> topics() {
    return new ArrayList<>(schemas.keySet());
  }

  /** The schema of a topic suffix such as {@code telemetry/loop} or {@code cmd/run}. */
  JsonNode schemaFor(String suffix) {
    JsonNode s = schemas.get(suffix);
    if (s == null && suffix.startsWith("cmd/") && !suffix.equals("cmd/ack")) {
      s = schemas.get("cmd/<name>");
    }
    return s;
  }

  /** Problems of {@code payload} against the schema of {@code suffix}; empty when it validates. */
  List<String> problems(String suffix, JsonNode payload) {
    JsonNode schema = schemaFor(suffix);
    List<String> problems = new ArrayList<>();
    if (schema == null) {
      problems.add("no documented schema for " + suffix);
    } else {
      check(schema, payload, "$", problems);
    }
    return problems;
  }

  private static void check(JsonNode schema, JsonNode v, String at, List<String> out) {
    JsonNode type = schema.get("type");
    if (type != null) {
      boolean any = false;
      for (JsonNode t : type.isArray() ? type : JSON.createArrayNode().add(type)) {
        any |= is(t.asText(), v);
      }
      if (!any) {
        out.add(at + ": expected " + type + ", got " + v.getNodeType());
        return;
      }
    }
    JsonNode en = schema.get("enum");
    if (en != null) {
      boolean found = false;
      for (JsonNode e : en) {
        found |= e.equals(v);
      }
      if (!found) {
        out.add(at + ": " + v + " is not one of " + en);
      }
    }
    if (v.isTextual()) {
      int n = v.textValue().length();
      if (schema.has("minLength") && n < schema.get("minLength").asInt()
          || schema.has("maxLength") && n > schema.get("maxLength").asInt()) {
        out.add(at + ": length " + n + " out of range");
      }
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      if (schema.has("minimum") && d < schema.get("minimum").asDouble()
          || schema.has("maximum") && d > schema.get("maximum").asDouble()) {
        out.add(at + ": " + d + " out of range");
      }
    }
    if (v.isObject()) {
      JsonNode props = schema.path("properties");
      for (JsonNode r : schema.path("required")) {
        if (!v.has(r.asText())) {
          out.add(at + ": missing required key " + r.asText());
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (props.has(f.getKey())) {
          check(props.get(f.getKey()), f.getValue(), at + "." + f.getKey(), out);
        } else if (schema.path("additionalProperties").isBoolean()
            && !schema.get("additionalProperties").booleanValue()) {
          out.add(at + ": undocumented key " + f.getKey());
        }
      }
    }
    if (v.isArray() && schema.has("items")) {
      for (int i = 0; i < v.size(); i++) {
        check(schema.get("items"), v.get(i), at + "[" + i + "]", out);
      }
    }
  }

  private static boolean is(String type, JsonNode v) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "number" -> v.isNumber();
      case "integer" -> v.isIntegralNumber();
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      default -> throw new IllegalArgumentException("schema type " + type);
    };
  }
}
