package io.engram.config.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

  static Path repoRoot() {
    String root = System.getProperty("engram.repo.root");
    return root != null ? Path.of(root) : Path.of("..");
  }

  @Test
  void docsConfigurationMdIsTheGeneratedReference() throws IOException {
    Path doc = repoRoot().resolve("docs/configuration.md");
    String written = Files.readString(doc, StandardCharsets.UTF_8);
    assertEquals(ConfigReference.markdown(), written,
        doc + " is stale; regenerate it with: bin/engram config reference > docs/configuration.md");
  }

  @Test
  void everyKeyIsDocumentedOnceWithAMeaning() {
    List<ReferenceRow> rows = ConfigLoader.referenceRows();
    Set<String> seen = new HashSet<>();
    for (ReferenceRow row : rows) {
      assertTrue(seen.add(row.path()), "documented twice: " + row.path());
      assertTrue(!row.description().isBlank(), "no meaning given for " + row.path());
    }
    assertTrue(seen.containsAll(List.of("robot.joints[].limits-deg", "network.lsg.inputs",
        "crossbar.device.read-noise-max", "mqtt.tls.ca-file", "bundle.path")), seen.toString());
  }

  @Test
  void documentedDefaultsAreTheOnesAFileGets() {
    // Every default of a scalar key, written into a file, must load to the same configuration.
    StringBuilder yaml = new StringBuilder(ConfigLoaderTest.VALID);
    String section = null;
    for (ReferenceRow row : ConfigLoader.referenceRows()) {
      String[] parts = row.path().split("\\.");
      if (parts.length != 2 || parts[0].equals("robot") || parts[0].equals("kinematics")
          || row.type().equals("mapping") || row.defaultValue().equals("none")) {
        continue;
      }
      if (!parts[0].equals(section)) {
        section = parts[0];
        yaml.append(section).append(":\n");
      }
      String value = row.defaultValue();
      if (row.path().equals("mqtt.client-id")) {
        value = "engram-arm";
      } else if (row.path().equals("mqtt.topic-prefix")) {
        value = "engram/arm";
      }
      yaml.append("  ").append(parts[1]).append(": ").append(value).append('\n');
    }
    assertEquals(ConfigLoaderTest.parse(ConfigLoaderTest.VALID), ConfigLoaderTest.parse(yaml.toString()),
        yaml.toString());
  }
}
