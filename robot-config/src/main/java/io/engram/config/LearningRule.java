package io.engram.config;

/** The on-device learning rule. */
public enum LearningRule {
  /** One update from the LSG's learning signals; needs a meta-trained bundle. */
  NATURAL_EPROP,
  /** One-shot ridge regression of the readout on a fixed spiking network; no bundle needed. */
  READOUT,
  /** Classic e-prop over a few trials with the readout error as learning signal. */
  EPROP
}
