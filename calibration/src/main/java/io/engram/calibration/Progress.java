package io.engram.calibration;

/** Receives a calibration's progress: what it is doing and how far it is (0 to 1). */
@FunctionalInterface
public interface Progress {

  /** Ignores progress. */
  Progress NONE = (phase, fraction) -> {};

  void report(String phase, double fraction);
}
