package io.engram.pcm;

/** The permanent state of a device: working, or stuck whatever it is programmed to. */
public enum DeviceFault {
  NONE,
  /** Stuck in the crystalline state: it always conducts Gmax and, crystalline, does not drift. */
  STUCK_SET,
  /** Stuck in the amorphous state: it conducts nothing. */
  STUCK_RESET
}
