package io.engram.config.calibration;

/** What a crossbar does about the stuck devices a calibration found. */
public enum FaultRemedy {
  /** Nothing: stuck devices keep distorting the cells they sit in. */
  NONE,
  /**
   * Each cell with a stuck device is encoded around it: the healthy device of the pair and the
   * cell's other pairs take the weight, and a stuck device is cancelled where its partner can.
   */
  PAIR
}
