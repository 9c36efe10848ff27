package io.engram.config.yaml;

import io.engram.config.EngramConfig;
import java.util.Map;

/**
 * A configuration read from a file.
 *
 * @param config the configuration
 * @param source where it came from
 * @param resolved every key with the value in effect (defaults filled in), in the file's units
 */
public record LoadedConfig(EngramConfig config, String source, Map<String, Object> resolved) {

  /** The resolved configuration as YAML; reading it back yields the same configuration. */
  public String resolvedYaml() {
    return YamlWriter.write(resolved);
  }
}
