package io.engram.config;

/** The protocol spoken on the link. */
public enum WireProtocol {
  /** Engram's own framed protocol for arms whose firmware it controls. */
  ENGRAM,
  /** ROBOTIS Dynamixel Protocol 2.0. */
  DYNAMIXEL2
}
