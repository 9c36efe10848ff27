package io.engram.snn;

/** Sees the network state after every step of a trial (e.g. to accumulate eligibility traces). */
@FunctionalInterface
public interface StepObserver {

  /** Called after step {@code t} (0-based) with the state as the step left it. */
  void afterStep(int t, NetworkState state);
}
