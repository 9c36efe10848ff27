package io.engram.bridge.emulation;

import io.engram.bridge.link.LinkDownException;

/** The protocol side of an emulated arm: answers bytes from the host and runs its own timers. */
public interface EmulatedFirmware {

  /** Handles bytes that arrived from the host at {@code nowNanos}. */
  void onBytes(byte[] buf, int off, int len, long nowNanos) throws LinkDownException;

  /** Runs periodic work (physics, watchdog) at {@code nowNanos}. */
  void tick(long nowNanos) throws LinkDownException;

  /** The arm this firmware drives. */
  EmulatedArm arm();
}
