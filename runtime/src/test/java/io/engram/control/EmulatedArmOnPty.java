package io.engram.control;

import io.engram.bridge.emulation.EmulatedArmRig;
import io.engram.bridge.link.SerialPortLink;
import io.engram.bridge.link.SocatPty;
import io.engram.config.EngramConfig;
import io.engram.config.LinkConfig;
import io.engram.config.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The emulated arm of a configuration serving the device end of a socat pty pair through
 * jSerialComm, and the configuration that reaches it as a serial port from the host end. Skips the
 * test where socat is missing.
 */
public final class EmulatedArmOnPty implements AutoCloseable {

  private final Path dir;
  private final SocatPty pty;
  private final EmulatedArmRig rig;
  private final EngramConfig hostConfig;

  /** Serves the arm of {@code config} (its link's protocol and emulator settings). */
  public EmulatedArmOnPty(EngramConfig config) throws Exception {
    dir = Files.createTempDirectory("engram-pty");
    pty = SocatPty.start(dir);
    LinkConfig l = config.link();
    rig = EmulatedArmRig.serve(config.robot(), l, new SerialPortLink(pty.devicePath(), l.baud()),
        null);
    // More retries than configured: a loaded test machine can miss a handshake reply.
    hostConfig = config.withLink(new LinkConfig(Transport.SERIAL, l.protocol(),
        Optional.of(pty.hostPath()), l.baud(), l.readTimeout(), Math.max(l.retries(), 5),
        l.emulator(), l.dynamixel()));
  }

  /** The emulated arm and its fault injection. */
  public EmulatedArmRig rig() {
    return rig;
  }

  /** The configuration with a serial link to the pty's host end. */
  public EngramConfig hostConfig() {
    return hostConfig;
  }

  @Override
  public void close() throws Exception {
    rig.close();
    pty.close();
    Files.deleteIfExists(dir.resolve("host"));
    Files.deleteIfExists(dir.resolve("device"));
    Files.deleteIfExists(dir);
  }
}
