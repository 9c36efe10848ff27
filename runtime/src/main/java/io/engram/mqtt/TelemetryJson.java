package io.engram.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.remote.Ack;
import io.engram.remote.CommandResult;
import java.time.Instant;

/**
 * The JSON payloads of the MQTT topics, as {@code docs/mqtt.md} documents them: keys in
 * snake_case, every message with the robot id and the wall-clock {@code time} (ISO-8601, UTC).
 */
final class TelemetryJson {

  private final ObjectMapper mapper = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  private final String robotId;

  TelemetryJson(String robotId) {
    this.robotId = robotId;
  }

  ObjectNode object() {
    ObjectNode o = mapper.createObjectNode();
    o.put("robot_id", robotId);
    o.put("time", Instant.now().toString());
    return o;
  }

  ArrayNode array() {
    return mapper.createArrayNode();
  }

  /** A record's components (snake_case) after the common keys. */
  ObjectNode of(Object record) {
    ObjectNode o = object();
    o.setAll((ObjectNode) mapper.valueToTree(record));
    return o;
  }

  ObjectNode ack(Ack ack) {
    ObjectNode o = object();
    if (ack.id() == null) {
      o.putNull("id");
    } else {
      o.put("id", ack.id());
    }
    o.put("command", ack.command());
    CommandResult r = ack.result();
    o.put("ok", r.ok());
    if (r.ok()) {
      o.set("result", mapper.valueToTree(r.result()));
    } else {
      ObjectNode error = o.putObject("error");
      error.put("code", r.error().wireName());
      error.put("message", r.message());
    }
    return o;
  }

  byte[] bytes(ObjectNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
