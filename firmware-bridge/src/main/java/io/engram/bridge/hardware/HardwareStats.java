package io.engram.bridge.hardware;

/**
 * Counters of one hardware component, updated in place (read them from the loop's thread).
 */
public final class HardwareStats {
  long reads;
  long freshReads;
  long lateReads;
  long writes;
  long velocityClamps;
  long positionClamps;
  long errors;
  long droppedFrames;

  /** Calls of read(). */
  public long reads() {
    return reads;
  }

  /** Reads that brought a fresh sample. */
  public long freshReads() {
    return freshReads;
  }

  /** Reads that brought nothing (lost, late or corrupted replies). */
  public long lateReads() {
    return lateReads;
  }

  public long writes() {
    return writes;
  }

  /** Joint commands cut to the joint's velocity limit. */
  public long velocityClamps() {
    return velocityClamps;
  }

  /** Joint commands cut so the joint stays inside its safe position limits. */
  public long positionClamps() {
    return positionClamps;
  }

  /** Frames or packets from the arm that failed their CRC, length or framing checks. */
  public long droppedFrames() {
    return droppedFrames;
  }

  /** Transitions to ERROR. */
  public long errors() {
    return errors;
  }

  @Override
  public String toString() {
    return "reads=" + reads + " fresh=" + freshReads + " late=" + lateReads + " writes=" + writes
        + " velocityClamps=" + velocityClamps + " positionClamps=" + positionClamps
        + " droppedFrames=" + droppedFrames + " errors=" + errors;
  }
}
