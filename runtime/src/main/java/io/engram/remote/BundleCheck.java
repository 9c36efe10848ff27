package io.engram.remote;

import io.engram.bundle.InvalidBundleException;
import java.nio.file.Path;

/**
 * An integrity check of a delivered bundle beyond its size and shapes, such as a manifest's
 * checksums; runs before the matrices are read.
 */
@FunctionalInterface
public interface BundleCheck {

  /** Accepts every bundle: the bundle format carries no manifest yet. */
  BundleCheck NONE = (file, payload) -> {};

  /**
   * @param file the payload written to a temporary file, as {@code .npz}
   * @param payload the payload as delivered
   * @throws InvalidBundleException if the bundle must be refused
   */
  void verify(Path file, byte[] payload) throws InvalidBundleException;
}
