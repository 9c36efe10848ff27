package io.engram.bridge.emulation;

import io.engram.bridge.link.InMemoryLink;
import io.engram.bridge.link.Link;
import io.engram.config.LinkConfig;
import io.engram.config.RobotConfig;

/**
 * An emulated arm with its firmware running on a thread, serving one link: the device end of an
 * in-memory link (in-process runs and tests) or a serial port ({@code engram sim-firmware}). Faults
 * are injected through {@link #faults()}, motion through {@link #arm()}.
 */
public final class EmulatedArmRig implements AutoCloseable {

  /**
   * The emulated Engram firmware's shortest command watchdog. A real firmware may trip sooner; the
   * emulated one shares the CPU with the host, and on a loaded machine the host's thread can stall
   * for a good part of this while the firmware's runs.
   */
  public static final int DEFAULT_WATCHDOG_MILLIS = 250;

  private final EmulatedArm arm;
  private final FaultInjectingLink deviceLink;
  private final Link hostLink;
  private final EmulatedFirmware firmware;
  private final FirmwareRunner runner;

  private EmulatedArmRig(EmulatedArm arm, FaultInjectingLink deviceLink, Link hostLink,
      EmulatedFirmware firmware) {
    this.arm = arm;
    this.deviceLink = deviceLink;
    this.hostLink = hostLink;
    this.firmware = firmware;
    this.runner = new FirmwareRunner(deviceLink, firmware, "emulated-arm-" + deviceLink.name())
        .start();
  }

  /** Starts an emulated arm in process; the runtime talks to it over {@link #hostLink()}. */
  public static EmulatedArmRig inProcess(RobotConfig robot, LinkConfig link) {
    return inProcess(robot, link, DEFAULT_WATCHDOG_MILLIS);
  }

  /** The same, with the Engram firmware's watchdog set to {@code watchdogMillis}. */
  public static EmulatedArmRig inProcess(RobotConfig robot, LinkConfig link, int watchdogMillis) {
    InMemoryLink.Pair pair = InMemoryLink.pair("emulated-" + robot.id());
    return serve(robot, link, pair.device(), pair.host(), watchdogMillis);
  }

  /**
   * The emulated firmware's watchdog for a host whose sensor timeout is {@code sensorTimeout}:
   * twice that, at least {@link #DEFAULT_WATCHDOG_MILLIS}, so the host stops the arm on its own
   * before the firmware's backstop trips.
   */
  public static int watchdogFor(java.time.Duration sensorTimeout) {
    return (int) Math.min(0xFFFF, Math.max(DEFAULT_WATCHDOG_MILLIS, 2 * sensorTimeout.toMillis()));
  }

  /**
   * Starts an emulated arm serving {@code deviceLink} (for example a serial port), speaking {@code
   * link.protocol()}.
   *
   * @param hostLink the runtime's end when known (in process), else null
   */
  public static EmulatedArmRig serve(RobotConfig robot, LinkConfig link, Link deviceLink,
      Link hostLink) {
    return serve(robot, link, deviceLink, hostLink, DEFAULT_WATCHDOG_MILLIS);
  }

  /** The same, with the Engram firmware's watchdog set to {@code watchdogMillis}. */
  public static EmulatedArmRig serve(RobotConfig robot, LinkConfig link, Link deviceLink,
      Link hostLink, int watchdogMillis) {
    EmulatedArm arm = new EmulatedArm(robot, link.emulator());
    FaultInjectingLink faulty = new FaultInjectingLink(deviceLink, FaultPlan.none());
    EmulatedFirmware fw;
    switch (link.protocol()) {
      case DYNAMIXEL2:
        fw = new DynamixelFirmware(arm, faulty, link.dynamixel());
        break;
      case ENGRAM:
      default:
        fw = new EngramFirmware(arm, faulty, watchdogMillis);
    }
    return new EmulatedArmRig(arm, faulty, hostLink, fw);
  }

  public EmulatedArm arm() {
    return arm;
  }

  /** The device's end of the link, through which faults are injected. */
  public FaultInjectingLink faults() {
    return deviceLink;
  }

  /** The runtime's end of an in-process link (null when serving a serial port). */
  public Link hostLink() {
    return hostLink;
  }

  public EmulatedFirmware firmware() {
    return firmware;
  }

  /** Stops the firmware thread and closes the device's end of the link. */
  @Override
  public void close() {
    runner.close();
    deviceLink.close();
  }
}
