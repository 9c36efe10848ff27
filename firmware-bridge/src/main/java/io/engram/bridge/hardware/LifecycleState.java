package io.engram.bridge.hardware;

/**
 * Lifecycle of a hardware component, after ros2_control: configure (UNCONFIGURED to INACTIVE)
 * connects and checks the arm, activate (INACTIVE to ACTIVE) powers and enables the motors,
 * deactivate goes back, a fault drops to ERROR with the motors off, and shutdown ends in FINALIZED.
 */
public enum LifecycleState {
  UNCONFIGURED,
  INACTIVE,
  ACTIVE,
  ERROR,
  FINALIZED
}
