package io.engram.config;

/** Named crossbar device settings; individual keys may override them. */
public enum CrossbarPreset {
  /** Exact weights: no programming noise, read noise or drift. */
  IDEAL,
  /** PCM programming noise and read noise, read right after programming. */
  PCM,
  /** As {@link #PCM}, read one hour after programming with uncompensated drift. */
  PCM_DRIFT
}
