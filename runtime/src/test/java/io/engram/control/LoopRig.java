package io.engram.control;

import io.engram.bridge.hardware.ArmConnector;
import io.engram.bridge.hardware.ArmHardware;
import io.engram.bridge.safety.SimulatedSafetyIo;
import io.engram.config.EngramConfig;
import io.engram.snn.ClockEncoder;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.snn.Trainee;
import io.engram.synapse.FloatSynapticMatrix;
import io.engram.synapse.WeightMatrix;
import java.time.Duration;

/**
 * An emulated arm with its hardware interface and simulated safety I/O, in process or across a
 * socat pty pair through jSerialComm (the emulated firmware serving the device end, the runtime
 * the host end; the simulated motor-enable output wired to the emulator's motor power), and a trainee
 * whose weights make a known, varied motion: clock channel k drives neuron group k (one spike per
 * clock spike), and each group's readout weights give the joints a different velocity.
 */
final class LoopRig implements AutoCloseable {

  /**
   * A sensor timeout for tests that are not about stale sensors: the emulated firmware runs on a
   * thread of the test JVM, and a loaded test machine's scheduling hiccups must not look like a
   * dead sensor.
   */
  static final Duration TOLERANT_SENSOR_TIMEOUT = Duration.ofMillis(250);

  /** {@code config} with {@link #TOLERANT_SENSOR_TIMEOUT}. */
  static EngramConfig tolerant(EngramConfig config) {
    return config.withControl(config.control().withSensorTimeout(TOLERANT_SENSOR_TIMEOUT));
  }

  /** Where the emulated arm runs. */
  enum Wiring {
    IN_PROCESS,
    PTY
  }

  final EngramConfig config;
  final SimulatedSafetyIo safety;
  final ArmConnector.Connection connection;
  final ArmHardware hardware;
  private final EmulatedArmOnPty pty;

  /** The arm of {@code config} (its link section's protocol), in process. */
  LoopRig(EngramConfig config) throws Exception {
    this(config, Wiring.IN_PROCESS);
  }

  /** The arm of {@code config}; a pty rig skips the test where socat is missing. */
  LoopRig(EngramConfig config, Wiring wiring) throws Exception {
    this.safety = new SimulatedSafetyIo(config.gpio());
    if (wiring == Wiring.IN_PROCESS) {
      this.config = config;
      this.pty = null;
      this.connection = ArmConnector.connect(config, safety);
    } else {
      this.pty = new EmulatedArmOnPty(config);
      this.config = pty.hostConfig();
      safety.onMotorPower(pty.rig().arm()::motorPower);
      ArmHardware hw = ArmConnector.connect(this.config, safety).hardware();
      this.connection = new ArmConnector.Connection(hw, pty.rig());
    }
    this.hardware = connection.hardware();
    try {
      Stalls.unlessStarved(() -> {
        hardware.configure();
        return null;
      });
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  static Trainee trainee(EngramConfig config) {
    NetworkParameters p = NetworkParameters.trainee(config.network());
    NetworkShape s = p.shape();
    int groups = s.inputs();
    double[] in = new double[s.inputs() * s.neurons()];
    for (int i = 0; i < s.neurons(); i++) {
      in[(i % groups) * s.neurons() + i] = 1.0;
    }
    double[] out = new double[s.neurons() * s.readouts()];
    for (int i = 0; i < s.neurons(); i++) {
      int g = i % groups;
      for (int c = 0; c < s.readouts(); c++) {
        out[i * s.readouts() + c] = 0.012 * Math.sin(1.3 * g + 2.1 * c + 0.4);
      }
    }
    return Trainee.create(p, new FloatSynapticMatrix(s.synapticRows(), s.neurons()),
        WeightMatrix.of(s.inputs(), s.neurons(), in), WeightMatrix.zeros(s.neurons(), s.neurons()),
        WeightMatrix.of(s.neurons(), s.readouts(), out), ClockEncoder.of(config.network().clock()));
  }

  ControlLoop loop() {
    return new ControlLoop(hardware, config.robot(), config.control());
  }

  boolean armDisabled() {
    var arm = connection.emulator().arm();
    return !arm.anyEnabled() || !arm.motorPower();
  }

  @Override
  public void close() throws Exception {
    connection.close();
    safety.close();
    if (pty != null) {
      pty.close();
    }
  }
}
