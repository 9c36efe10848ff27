package io.engram.bridge.hardware;

import io.engram.bridge.emulation.EmulatedArmRig;
import io.engram.bridge.link.Link;
import io.engram.bridge.link.SerialPortLink;
import io.engram.bridge.safety.SafetyIo;
import io.engram.bridge.safety.SimulatedSafetyIo;
import io.engram.config.EngramConfig;
import io.engram.config.LinkConfig;
import io.engram.config.RobotConfig;
import io.engram.config.Transport;

/**
 * Builds the {@link ArmHardware} a configuration describes: over a serial port, or against an
 * emulated arm started in process (whose motor power then follows a simulated motor-enable
 * output).
 */
public final class ArmConnector {
  private ArmConnector() {}

  /** An unconfigured arm and, for an emulated link, the emulator behind it. */
  public record Connection(ArmHardware hardware, EmulatedArmRig emulator) implements AutoCloseable {
    /** Shuts the hardware down and stops the emulator, if any. */
    @Override
    public void close() {
      hardware.shutdown();
      if (emulator != null) {
        emulator.close();
      }
    }
  }

  /** Builds (without configuring) the arm of {@code config}, with {@code safety} as its safety I/O. */
  public static Connection connect(EngramConfig config, SafetyIo safety) {
    return connect(config, config.robot(), safety);
  }

  /**
   * Builds (without configuring) the arm of {@code config}, the runtime seeing it as {@code
   * hostRobot}: the same joints, with encoder conversions or limits of its own (a joint
   * calibration works on a view with widened safe limits). An emulated arm keeps the physics of
   * {@code config.robot()}.
   */
  public static Connection connect(EngramConfig config, RobotConfig hostRobot, SafetyIo safety) {
    LinkConfig link = config.link();
    if (link.transport() == Transport.EMULATED) {
      EmulatedArmRig rig = EmulatedArmRig.inProcess(config.robot(), link,
          EmulatedArmRig.watchdogFor(config.control().sensorTimeout()));
      if (safety instanceof SimulatedSafetyIo) {
        ((SimulatedSafetyIo) safety).onMotorPower(rig.arm()::motorPower);
      }
      Link host = rig.hostLink();
      ArmHardware hw = new ArmHardware(hostRobot, link, config.control(), () -> host, safety);
      return new Connection(hw, rig);
    }
    String port = link.port().orElseThrow(
        () -> new IllegalArgumentException("a serial link needs a port"));
    ArmHardware hw = new ArmHardware(hostRobot, link, config.control(),
        () -> new SerialPortLink(port, link.baud()), safety);
    return new Connection(hw, null);
  }
}
