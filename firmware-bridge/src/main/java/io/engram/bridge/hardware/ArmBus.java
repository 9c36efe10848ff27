package io.engram.bridge.hardware;

import io.engram.bridge.link.LinkDownException;

/**
 * The protocol side of {@link ArmHardware}: one implementation per wire protocol. Works in SI
 * units and kinematic angles; {@link #read} and {@link #write} do not allocate.
 */
interface ArmBus {

  /** Outcome of one {@link #read}. */
  enum Sample {
    FRESH,
    MISSING
  }

  /** Handshakes with the arm and checks it against the configuration; returns a description. */
  String open() throws HardwareException, LinkDownException;

  /** Requests one sample of every joint and waits for it at most the read timeout. */
  Sample read(double[] position, double[] velocity, double[] effort, int[] flags)
      throws LinkDownException;

  /** Whether the last sample reported a latched fault of the arm's controller. */
  boolean faultLatched();

  /** The last fault the arm reported, for logs. */
  String faultDescription();

  /** Sends one velocity set-point (rad/s) per joint, with the motors enabled or not. */
  void write(double[] velocity, boolean enable, long nowNanos) throws LinkDownException;

  /** Frames or packets from the arm that the decoder dropped (bad CRC, length, framing). */
  long droppedFrames();

  /** Clears the arm controller's latched faults. */
  void clearFaults() throws HardwareException, LinkDownException;
}
