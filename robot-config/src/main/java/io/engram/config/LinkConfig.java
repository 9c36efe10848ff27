package io.engram.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The link to the arm's joint controllers.
 *
 * @param transport emulated in-process arm or serial port
 * @param protocol protocol spoken on the link (the emulated arm speaks it too)
 * @param port serial device path; required for {@link Transport#SERIAL}
 * @param baud serial speed (bit/s)
 * @param readTimeout how long to wait for a reply before the request counts as lost
 * @param retries how often a lost or corrupt reply is retried before the link is declared down
 * @param emulator the emulated arm's settings
 * @param dynamixel Dynamixel units and mode
 */
public record LinkConfig(
    Transport transport,
    WireProtocol protocol,
    Optional<String> port,
    int baud,
    Duration readTimeout,
    int retries,
    EmulatorConfig emulator,
    DynamixelConfig dynamixel) {

  public LinkConfig {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(emulator, "emulator");
    Objects.requireNonNull(dynamixel, "dynamixel");
    if (baud <= 0 || retries < 0 || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("link: baud and read timeout must be positive, retries >= 0");
    }
  }

  /** An emulated arm speaking the Engram protocol in-process. */
  public static LinkConfig defaults() {
    return new LinkConfig(
        Transport.EMULATED,
        WireProtocol.ENGRAM,
        Optional.empty(),
        115_200,
        Duration.ofMillis(20),
        2,
        EmulatorConfig.defaults(),
        DynamixelConfig.xSeries());
  }
}
