package io.engram.config.yaml;

/**
 * One key of the configuration reference.
 *
 * @param path key path, lists shown as {@code []}
 * @param type value type and admissible range
 * @param defaultValue the default as written in a file, "required" or "none"
 * @param description what the key does
 */
record ReferenceRow(String path, String type, String defaultValue, String description) {}
