package io.engram.bundle;

import java.util.Objects;
import java.util.Optional;

/**
 * A bundle that passed every check: its meta-parameters and, unless it is a manifest-less local
 * file, its verified manifest.
 */
public record LoadedBundle(String source, MetaParameters parameters, Optional<BundleManifest> manifest) {

  public LoadedBundle {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(manifest, "manifest");
  }
}
