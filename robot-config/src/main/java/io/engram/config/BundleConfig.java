package io.engram.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The meta-parameter bundle (initial trainee weights and the LSG) shipped from the workstation.
 *
 * @param path bundle file; empty when the runtime starts without meta-parameters
 * @param seed seed of the initial weights drawn when there is no bundle
 */
public record BundleConfig(Optional<Path> path, long seed) {

  public BundleConfig {
    Objects.requireNonNull(path, "path");
  }

  public static BundleConfig defaults() {
    return new BundleConfig(Optional.empty(), 1);
  }
}
