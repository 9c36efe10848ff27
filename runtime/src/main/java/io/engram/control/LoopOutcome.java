package io.engram.control;

/** How a run of the control loop ended. Every outcome but {@link #COMPLETED} stopped the arm early. */
public enum LoopOutcome {
  /** The controller finished. */
  COMPLETED,
  /** Another thread asked the loop to stop. */
  STOPPED,
  /** The emergency stop latched. */
  ESTOP,
  /** The joint sensors went silent for longer than the sensor timeout. */
  SENSOR_STALE,
  /** The link to the arm went down or its protocol failed. */
  LINK_DOWN,
  /** The arm's controller reported a fault. */
  ARM_FAULT,
  /** A measured joint left its safe range by more than the allowed margin. */
  OUT_OF_BOUNDS,
  /** Too many periods in a row overran (overrun policy stop). */
  OVERRUN,
  /** The hardware was not ready to run. */
  NOT_READY,
  /** The controller or the loop itself failed; the arm was stopped. */
  ERROR
}
