package io.engram.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.config.EngramConfig;
import io.engram.config.NetworkConfig;
import io.engram.config.TaskConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The {@value #MEMBER} member of a bundle: what the matrices were made for and how, and the
 * SHA-256 of every matrix member.
 *
 * @param formatVersion {@value #FORMAT_VERSION} for this layout
 * @param network the network constants the matrices were trained for (the configuration's {@code
 *     network} section, snake_case), compared with the runtime's before a bundle is used
 * @param taskFamily the task family trained on (task configuration without its seed, and the
 *     integration constant)
 * @param training free-form training metadata (iterations, batch, seeds, wall time, command)
 * @param sha256 per matrix key, the SHA-256 of its {@code KEY.npy} member's bytes, in hex
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleManifest(
    int formatVersion,
    JsonNode network,
    JsonNode taskFamily,
    Map<String, Object> training,
    Map<String, String> sha256) {

  /** The zip member holding the manifest. */
  public static final String MEMBER = "manifest.json";

  /** The manifest layout this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public BundleManifest {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(taskFamily, "taskFamily");
    training = training == null ? Map.of() : Map.copyOf(training);
    sha256 = sha256 == null ? Map.of() : Map.copyOf(sha256);
  }

  /** A manifest describing a configuration's networks and task family (no checksums yet). */
  public static BundleManifest describing(EngramConfig config, Map<String, Object> training) {
    return new BundleManifest(
        FORMAT_VERSION,
        networkTree(config.network()),
        taskFamilyTree(config.task(), config.control().integrationConstantS()),
        training,
        Map.of());
  }

  /** This manifest with the given checksums. */
  public BundleManifest withChecksums(Map<String, String> checksums) {
    return new BundleManifest(formatVersion, network, taskFamily, training, checksums);
  }

  /** The network section as the manifest stores it. */
  public static JsonNode networkTree(NetworkConfig network) {
    return JSON.valueToTree(network);
  }

  /** The task family as the manifest stores it: the task section without seed, and the step. */
  public static JsonNode taskFamilyTree(TaskConfig task, double integrationConstantS) {
    ObjectNode tree = JSON.valueToTree(task);
    tree.remove("seed");
    tree.put("integration_constant_s", integrationConstantS);
    return tree;
  }

  /** The manifest as UTF-8 JSON. */
  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest not serialisable: " + e.getMessage(), e);
    }
  }

  /** The manifest as a JSON tree (for display). */
  public String toJsonString() {
    return new String(toJson(), StandardCharsets.UTF_8);
  }

  /**
   * Parses a manifest.
   *
   * @throws InvalidBundleException if it is not valid JSON, lacks a section or has another format
   *     version
   */
  public static BundleManifest parse(byte[] json, String source) throws InvalidBundleException {
    BundleManifest m;
    try {
      m = JSON.readValue(json, BundleManifest.class);
    } catch (IOException | RuntimeException e) {
      throw new InvalidBundleException(
          source + ": " + MEMBER + " is not a valid manifest: " + e.getMessage(), e);
    }
    if (m.formatVersion() != FORMAT_VERSION) {
      throw new InvalidBundleException(
          source
              + ": "
              + MEMBER
              + " has format version "
              + m.formatVersion()
              + "; this runtime reads version "
              + FORMAT_VERSION);
    }
    return m;
  }

  /**
   * A manifest's network section with the keys added after it was written filled in with the value
   * they stood for before: {@code target_encoding.lead_steps} 0 (a bundle written before the lead
   * existed was trained without one).
   */
  public static JsonNode withImplicitDefaults(JsonNode network) {
    JsonNode copy = network.deepCopy();
    JsonNode encoding = copy.get("target_encoding");
    if (encoding instanceof ObjectNode o && !o.has("lead_steps")) {
      o.put("lead_steps", 0);
    }
    return copy;
  }

  /**
   * Differences between two JSON trees, one line per differing leaf ({@code path: manifest X,
   * configuration Y}); empty when they agree. Numbers are compared as doubles.
   */
  public static List<String> differences(JsonNode manifest, JsonNode configuration) {
    List<String> out = new ArrayList<>();
    diff("", manifest, configuration, out);
    return out;
  }

  private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a != null && b != null && a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        diff(path.isEmpty() ? n : path + "." + n, a.get(n), b.get(n), out);
      }
      return;
    }
    boolean same;
    if (a == null || b == null) {
      same = a == b;
    } else if (a.isNumber() && b.isNumber()) {
      same = Double.compare(a.doubleValue(), b.doubleValue()) == 0;
    } else {
      same = a.equals(b);
    }
    if (!same) {
      out.add(path + ": bundle " + show(a) + ", configuration " + show(b));
    }
  }

  private static String show(JsonNode n) {
    return n == null ? "(absent)" : n.toString();
  }

  /** The checksums as an ordered map (for display). */
  public Map<String, String> sortedChecksums() {
    Map<String, String> m = new LinkedHashMap<>();
    new TreeSet<>(sha256.keySet()).forEach(k -> m.put(k, sha256.get(k)));
    return m;
  }
}
