package io.engram.pcm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Named device models, chosen by configuration or on the command line. */
public enum PcmPreset {
  /** A perfect device: the programmed conductance is the target, forever, and reads are exact. */
  IDEAL("ideal", PcmParams.of(0, 0, 0)),
  /** Programming noise and 1/f read noise of the published PCM model, without drift. */
  PCM("pcm", PcmParams.of(1, 1, 0)),
  /** The full published PCM model: programming noise, read noise and conductance drift. */
  PCM_DRIFT("pcm-drift", PcmParams.of(1, 1, 1));

  private final String id;
  private final PcmParams params;

  PcmPreset(String id, PcmParams params) {
    this.id = id;
    this.params = params;
  }

  /** The name used in configuration files and on the command line. */
  public String id() {
    return id;
  }

  public PcmParams params() {
    return params;
  }

  /** The preset called {@code name} (case-insensitive), or an error listing the valid names. */
  public static PcmPreset byId(String name) {
    for (PcmPreset p : values()) {
      if (p.id.equals(name.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown device preset '"
            + name
            + "'; expected one of "
            + Arrays.stream(values()).map(PcmPreset::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
