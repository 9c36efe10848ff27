package io.engram.config;

/** The feedback weights B that turn the output error into e-prop's learning signals. */
public enum EpropFeedback {
  /** B = W_out: the learning signal is the gradient through the readout (symmetric e-prop). */
  SYMMETRIC,
  /** B fixed, random N(0, 1/neurons), drawn with the feedback seed (random e-prop). */
  RANDOM
}
