package io.engram.config;

/** What the control loop does when an iteration runs past its period. */
public enum OverrunPolicy {
  /** Drop the missed periods and carry on at the next period boundary. */
  SKIP,
  /** Like SKIP, but stop the arm once too many periods in a row overran. */
  STOP
}
