package io.engram.bridge.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bridge.engram.EngramChannel;
import io.engram.bridge.engram.EngramProtocol;
import io.engram.bridge.engram.Fault;
import io.engram.bridge.engram.Frame;
import io.engram.bridge.engram.Hello;
import io.engram.bridge.engram.HelloReply;
import io.engram.bridge.engram.JointStateMessage;
import io.engram.bridge.engram.MotorCommandMessage;
import io.engram.bridge.link.InMemoryLink;
import io.engram.config.EmulatorConfig;
import io.engram.config.RobotConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Engram firmware on the wire: handshake, version check, commands, state, watchdog. */
class EngramFirmwareTest {

  private static final int WATCHDOG_MS = 200;

  private EmulatedArm arm;
  private FirmwareRunner runner;
  private EngramChannel host;
  private final List<Object> received = new ArrayList<>();

  @BeforeEach
  void start() {
    InMemoryLink.Pair pair = InMemoryLink.pair("engram");
    arm = new EmulatedArm(RobotConfig.edScorbotEr7(),
        new EmulatorConfig(Duration.ofMillis(30), 0, 1));
    runner = new FirmwareRunner(pair.device(), new EngramFirmware(arm, pair.device(), WATCHDOG_MS), "fw")
        .start();
    host = new EngramChannel(pair.host());
  }

  @AfterEach
  void stop() {
    runner.close();
    host.link().close();
  }

  private void onFrame(Frame f) {
    byte[] p = f.payload();
    int o = f.payloadOffset();
    switch (f.type()) {
      case EngramProtocol.HELLO_REPLY:
        received.add(HelloReply.decode(p, o));
        break;
      case EngramProtocol.FAULT:
        received.add(Fault.decode(p, o));
        break;
      case EngramProtocol.JOINT_STATE: {
        JointStateMessage m = new JointStateMessage();
        m.decode(p, o, f.payloadLength());
        received.add(m);
        break;
      }
      default:
        received.add(EngramProtocol.typeName(f.type()));
    }
  }

  /** Sends a frame and returns the first answer of {@code answer}'s class (null if none). */
  private <T> T exchange(int type, byte[] payload, int len, Class<T> answer) throws Exception {
    received.clear();
    host.send(type, payload, len);
    long deadline = System.nanoTime() + 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      host.poll(5_000_000L, this::onFrame);
      for (Object o : received) {
        if (answer.isInstance(o)) {
          return answer.cast(o);
        }
      }
    }
    return null;
  }

  private <T> T hello(int major, Class<T> answer) throws Exception {
    byte[] p = new byte[4];
    return exchange(EngramProtocol.HELLO, p, new Hello(major, 0).encode(p, 0), answer);
  }

  private void command(double velocityCountsPerS, boolean enable) throws Exception {
    MotorCommandMessage m = new MotorCommandMessage().jointCount(6);
    for (int j = 0; j < 6; j++) {
      m.joint(j, j == 0 ? (int) (velocityCountsPerS * 1000) : 0, enable);
    }
    byte[] p = new byte[64];
    host.send(EngramProtocol.MOTOR_COMMAND, p, m.encode(p, 0));
  }

  @Test
  void handshakeReportsJointsAndWatchdog() throws Exception {
    assertEquals(new HelloReply(1, 0, 6, EngramFirmware.FIRMWARE_VERSION, WATCHDOG_MS),
        hello(1, HelloReply.class));
  }

  @Test
  void refusesAnotherMajorVersionAndCommandsBeforeTheHandshake() throws Exception {
    Fault f = hello(2, Fault.class);
    assertEquals(EngramProtocol.FAULT_VERSION_MISMATCH, f.code());
    assertEquals(0x0100, f.detail());
    command(10, true);
    Thread.sleep(20);
    host.poll(5_000_000L, this::onFrame);
    assertFalse(arm.anyEnabled());
  }

  @Test
  void appliesCommandsAndReportsStateWithTheAcknowledgedSequence() throws Exception {
    hello(1, HelloReply.class);
    command(-100, true);
    Thread.sleep(40);
    JointStateMessage s = exchange(EngramProtocol.STATE_REQUEST, new byte[0], 0,
        JointStateMessage.class);
    assertEquals(6, s.jointCount());
    assertTrue((s.jointFlags(0) & EngramProtocol.JOINT_ENABLED) != 0);
    assertTrue((s.armFlags() & EngramProtocol.ARM_HANDSHAKE_DONE) != 0);
    assertTrue(arm.velocity(0) > 0, "negative counts are a positive angle on the base");
    assertTrue(s.positionCounts(0) < 0);
  }

  @Test
  void theWatchdogDisablesTheMotorsAndLatchesUntilCleared() throws Exception {
    hello(1, HelloReply.class);
    command(50, true);
    assertTrue(waitFor(arm::anyEnabled));
    received.clear();
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (received.stream().noneMatch(o -> o instanceof Fault)
        && System.nanoTime() < deadline) {
      host.poll(5_000_000L, this::onFrame);
    }
    Fault f = (Fault) received.stream().filter(o -> o instanceof Fault).findFirst().orElseThrow();
    assertEquals(EngramProtocol.FAULT_WATCHDOG, f.code());
    assertTrue(f.detail() >= WATCHDOG_MS, "tripped after " + f.detail() + " ms");
    assertFalse(arm.anyEnabled());
    command(50, true);
    Thread.sleep(10);
    assertFalse(arm.anyEnabled(), "latched: enables are ignored");
    JointStateMessage s = exchange(EngramProtocol.CLEAR_FAULTS, new byte[0], 0,
        JointStateMessage.class);
    assertEquals(0, s.armFlags() & EngramProtocol.ARM_FAULT_LATCHED);
    command(50, true);
    assertTrue(waitFor(arm::anyEnabled));
  }

  private static boolean waitFor(java.util.function.BooleanSupplier c) throws Exception {
    for (int i = 0; i < 200 && !c.getAsBoolean(); i++) {
      Thread.sleep(1);
    }
    return c.getAsBoolean();
  }
}
