package io.engram.bundle;

/**
 * Where a bundle comes from, which decides what a bundle without a manifest gets: a local file
 * (such as the authors' released matrices) is accepted with a warning; a bundle delivered over the
 * network must carry a manifest whose checksums match.
 */
public enum BundleOrigin {
  /** A file on the board's own storage, placed there by its operator. */
  LOCAL_FILE,
  /** A payload received over the network (MQTT). */
  NETWORK
}
