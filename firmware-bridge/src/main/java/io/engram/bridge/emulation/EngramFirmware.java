package io.engram.bridge.emulation;

import io.engram.bridge.engram.EngramChannel;
import io.engram.bridge.engram.EngramProtocol;
import io.engram.bridge.engram.Fault;
import io.engram.bridge.engram.Frame;
import io.engram.bridge.engram.Hello;
import io.engram.bridge.engram.HelloReply;
import io.engram.bridge.engram.JointStateMessage;
import io.engram.bridge.engram.MotorCommandMessage;
import io.engram.bridge.link.Link;
import io.engram.bridge.link.LinkDownException;
import io.engram.config.JointConfig;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulated microcontroller firmware of the Engram protocol (docs/wire-protocol.md): answers
 * HELLO, STATE_REQUEST and HEARTBEAT, applies MOTOR_COMMANDs to the {@link EmulatedArm}, and
 * protects the arm on its own: when no command or heartbeat arrives within the watchdog period, or
 * the motor power drops, it disables every joint, latches a fault and reports it with a FAULT frame
 * until the host sends CLEAR_FAULTS.
 */
public final class EngramFirmware implements EmulatedFirmware {

  private static final Logger LOG = LoggerFactory.getLogger(EngramFirmware.class);

  /** Firmware version reported in HELLO_REPLY (major in the high byte). */
  public static final int FIRMWARE_VERSION = 0x0100;

  private final EmulatedArm arm;
  private final EngramChannel channel;
  private final long watchdogNanos;
  private final int watchdogMillis;
  private final JointStateMessage state = new JointStateMessage();
  private final MotorCommandMessage command = new MotorCommandMessage();
  private final byte[] out = new byte[EngramProtocol.MAX_PAYLOAD];
  private final io.engram.bridge.engram.FrameDecoder.Handler handler = this::handleUnchecked;

  private boolean handshakeDone;
  private int lastCommandSeq;
  private long lastCommandNanos;
  private int latchedFault;
  private boolean watchdogTripped;
  private long now;

  /** A firmware for {@code arm} on {@code link} whose watchdog trips after {@code watchdogMillis}. */
  public EngramFirmware(EmulatedArm arm, Link link, int watchdogMillis) {
    if (watchdogMillis <= 0 || watchdogMillis > 0xFFFF) {
      throw new IllegalArgumentException("watchdog must lie in 1..65535 ms");
    }
    if (arm.jointCount() > EngramProtocol.MAX_JOINTS) {
      throw new IllegalArgumentException("the Engram protocol carries at most "
          + EngramProtocol.MAX_JOINTS + " joints");
    }
    this.arm = arm;
    this.channel = new EngramChannel(link);
    this.watchdogMillis = watchdogMillis;
    this.watchdogNanos = TimeUnit.MILLISECONDS.toNanos(watchdogMillis);
  }

  @Override
  public EmulatedArm arm() {
    return arm;
  }

  /** The channel's decoder statistics (frames the firmware dropped). */
  public EngramChannel channel() {
    return channel;
  }

  /** The latched fault code, 0 when none. */
  public synchronized int latchedFault() {
    return latchedFault;
  }

  @Override
  public synchronized void onBytes(byte[] buf, int off, int len, long nowNanos)
      throws LinkDownException {
    now = nowNanos;
    arm.advanceTo(nowNanos);
    try {
      channel.decoder().feed(buf, off, len, handler);
    } catch (UncheckedLinkDown e) {
      throw e.cause;
    }
  }

  private void handleUnchecked(Frame f) {
    try {
      handle(f);
    } catch (LinkDownException e) {
      throw new UncheckedLinkDown(e);
    }
  }

  private void handle(Frame f) throws LinkDownException {
    byte[] p = f.payload();
    int o = f.payloadOffset();
    switch (f.type()) {
      case EngramProtocol.HELLO: {
        Hello hello = Hello.decode(p, o);
        if (hello.major() != EngramProtocol.VERSION_MAJOR) {
          handshakeDone = false;
          sendFault(EngramProtocol.FAULT_VERSION_MISMATCH, EngramProtocol.WHOLE_ARM,
              EngramProtocol.VERSION_MAJOR << 8 | EngramProtocol.VERSION_MINOR);
          return;
        }
        handshakeDone = true;
        lastCommandNanos = now;
        int n = new HelloReply(EngramProtocol.VERSION_MAJOR, EngramProtocol.VERSION_MINOR,
            arm.jointCount(), FIRMWARE_VERSION, watchdogMillis).encode(out, 0);
        channel.send(EngramProtocol.HELLO_REPLY, out, n);
        return;
      }
      case EngramProtocol.STATE_REQUEST:
        sendState(f.seq());
        return;
      case EngramProtocol.HEARTBEAT:
        lastCommandNanos = now;
        channel.send(EngramProtocol.HEARTBEAT, out, 0);
        return;
      case EngramProtocol.CLEAR_FAULTS:
        latchedFault = 0;
        watchdogTripped = false;
        lastCommandNanos = now;
        sendState(f.seq());
        return;
      case EngramProtocol.MOTOR_COMMAND:
        applyCommand(f);
        return;
      default:
        // HELLO_REPLY, JOINT_STATE and FAULT are the firmware's own messages; ignore echoes.
    }
  }

  private void applyCommand(Frame f) throws LinkDownException {
    if (!handshakeDone) {
      sendFault(EngramProtocol.FAULT_NOT_READY, EngramProtocol.WHOLE_ARM, 0);
      return;
    }
    if (!command.decode(f.payload(), f.payloadOffset(), f.payloadLength())
        || command.jointCount() != arm.jointCount()) {
      sendFault(EngramProtocol.FAULT_BAD_COMMAND, EngramProtocol.WHOLE_ARM, command.jointCount());
      return;
    }
    lastCommandSeq = f.seq();
    lastCommandNanos = now;
    for (int j = 0; j < arm.jointCount(); j++) {
      JointConfig c = arm.joint(j);
      boolean enable = command.enabled(j) && latchedFault == 0;
      double v = c.countRateToRadiansPerSecond(command.velocityMilliCounts(j) / 1000.0);
      arm.command(j, v, enable);
    }
  }

  @Override
  public synchronized void tick(long nowNanos) throws LinkDownException {
    now = nowNanos;
    arm.advanceTo(nowNanos);
    if (!arm.anyEnabled()) {
      return;
    }
    if (!arm.motorPower()) {
      trip(EngramProtocol.FAULT_POWER_LOST, 0);
    } else if (nowNanos - lastCommandNanos > watchdogNanos) {
      watchdogTripped = true;
      trip(EngramProtocol.FAULT_WATCHDOG,
          (int) Math.min(0xFFFF, TimeUnit.NANOSECONDS.toMillis(nowNanos - lastCommandNanos)));
    }
  }

  private void trip(int code, int detail) throws LinkDownException {
    arm.disableAll();
    latchedFault = code;
    LOG.warn("emulated firmware: {} (detail {}); motors disabled", EngramProtocol.faultName(code),
        detail);
    sendFault(code, EngramProtocol.WHOLE_ARM, detail);
  }

  private void sendFault(int code, int joint, int detail) throws LinkDownException {
    int n = new Fault(code, joint, detail).encode(out, 0);
    channel.send(EngramProtocol.FAULT, out, n);
  }

  private void sendState(int ackSeq) throws LinkDownException {
    int flags = (arm.motorPower() ? EngramProtocol.ARM_POWERED : 0)
        | (latchedFault != 0 ? EngramProtocol.ARM_FAULT_LATCHED : 0)
        | (watchdogTripped ? EngramProtocol.ARM_WATCHDOG_TRIPPED : 0)
        | (arm.replaying() ? EngramProtocol.ARM_EXTERNAL_MOTION : 0)
        | (handshakeDone ? EngramProtocol.ARM_HANDSHAKE_DONE : 0);
    state.set(ackSeq, lastCommandSeq, flags, arm.jointCount());
    for (int j = 0; j < arm.jointCount(); j++) {
      int jf = (arm.enabled(j) ? EngramProtocol.JOINT_ENABLED : 0)
          | (arm.atLowerLimit(j) ? EngramProtocol.JOINT_AT_LOWER_LIMIT : 0)
          | (arm.atUpperLimit(j) ? EngramProtocol.JOINT_AT_UPPER_LIMIT : 0)
          | (arm.velocityClamped(j) ? EngramProtocol.JOINT_VELOCITY_CLAMPED : 0);
      state.joint(j, arm.encoderCounts(j), (int) Math.round(arm.velocityCounts(j) * 1000.0),
          arm.currentMilliAmps(j), jf);
    }
    int n = state.encode(out, 0);
    channel.send(EngramProtocol.JOINT_STATE, out, n);
  }

  /** Carries a link failure out of the decoder's callback. */
  private static final class UncheckedLinkDown extends RuntimeException {
    final LinkDownException cause;

    UncheckedLinkDown(LinkDownException cause) {
      super(cause);
      this.cause = cause;
    }
  }
}
