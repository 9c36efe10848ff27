package io.engram.mqtt;

/** The topic names under one prefix ({@code engram/<robot-id>} by default). */
public record Topics(String prefix) {

  public Topics {
    if (prefix.isEmpty() || prefix.contains("+") || prefix.contains("#") || prefix.endsWith("/")) {
      throw new IllegalArgumentException("topic prefix '" + prefix
          + "' must be non-empty, without wildcards and without a trailing '/'");
    }
  }

  public String status() {
    return prefix + "/status";
  }

  public String telemetry(String kind) {
    return prefix + "/telemetry/" + kind;
  }

  /** The topic of command {@code name}. */
  public String command(String name) {
    return prefix + "/cmd/" + name;
  }

  /** The filter matching every command topic (and {@code cmd/ack}, which is skipped). */
  public String commandFilter() {
    return prefix + "/cmd/+";
  }

  public String ack() {
    return prefix + "/cmd/ack";
  }

  public String bundle() {
    return prefix + "/meta/bundle";
  }

  /** The command name of a topic under {@code cmd/}, or null for any other topic. */
  public String commandName(String topic) {
    String head = prefix + "/cmd/";
    if (!topic.startsWith(head)) {
      return null;
    }
    String rest = topic.substring(head.length());
    return rest.isEmpty() || rest.contains("/") ? null : rest;
  }
}
