package io.engram.config.calibration;

/** What a crossbar does about the stuck devices a calibration found. */
public enum FaultRemedy {
  /** Nothing: stuck devices keep distorting the cells they sit in. */
  NONE,
  /**
   * Each cell with a stuck device is encoded around it: the healthy device of the pair and the
   * cell's other pairs take the weight, and a stuck device is cancelled where its partner can.
   */
  PAIR,
  /**
   * As {@link #PAIR}, and what those cells still hold wrong (a stuck device cancelled by a partner
   * that drifts, a weight beyond what the healthy devices reach) is corrected digitally: their
   * devices are probe-read whenever the drift reference is refreshed, and each product adds the
   * difference to the target for the active rows.
   */
  PAIR_AND_PATCH
}
