package io.engram.bridge.hardware;

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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ArmBus} over the Engram frame protocol: STATE_REQUEST / JOINT_STATE and MOTOR_COMMAND. */
final class EngramArmBus implements ArmBus {

  private static final Logger LOG = LoggerFactory.getLogger(EngramArmBus.class);

  private final EngramChannel channel;
  private final List<JointConfig> joints;
  private final long timeoutNanos;
  private final int retries;
  private JointStateMessage state = new JointStateMessage();
  private JointStateMessage incoming = new JointStateMessage();
  private final MotorCommandMessage command = new MotorCommandMessage();
  private final byte[] payload = new byte[EngramProtocol.MAX_PAYLOAD];
  private final io.engram.bridge.engram.FrameDecoder.Handler handler = this::onFrame;

  private int awaitedSeq = -1;
  private boolean gotState;
  private HelloReply helloReply;
  private int faultCode;
  private int faultJoint;
  private int faultDetail;
  private long faults;

  EngramArmBus(Link link, List<JointConfig> joints, long timeoutNanos, int retries) {
    this.channel = new EngramChannel(link);
    this.joints = joints;
    this.timeoutNanos = timeoutNanos;
    this.retries = retries;
    command.jointCount(joints.size());
  }

  EngramChannel channel() {
    return channel;
  }

  private void onFrame(Frame f) {
    switch (f.type()) {
      case EngramProtocol.JOINT_STATE:
        if (awaitedSeq >= 0
            && incoming.decode(f.payload(), f.payloadOffset(), f.payloadLength())
            && incoming.ackSeq() == awaitedSeq) {
          JointStateMessage s = state;
          state = incoming;
          incoming = s;
          gotState = true;
        }
        return;
      case EngramProtocol.HELLO_REPLY:
        helloReply = HelloReply.decode(f.payload(), f.payloadOffset());
        return;
      case EngramProtocol.FAULT:
        faults++;
        faultCode = f.payload()[f.payloadOffset()] & 0xFF;
        faultJoint = f.payload()[f.payloadOffset() + 1] & 0xFF;
        faultDetail = (f.payload()[f.payloadOffset() + 2] & 0xFF)
            | (f.payload()[f.payloadOffset() + 3] & 0xFF) << 8;
        return;
      default:
        // HEARTBEAT replies and anything else carry nothing the bus needs.
    }
  }

  @Override
  public String open() throws HardwareException, LinkDownException {
    channel.link().drainInput();
    channel.resetPeer();
    for (int attempt = 0; attempt <= retries && helloReply == null; attempt++) {
      faultCode = 0;
      int n = new Hello(EngramProtocol.VERSION_MAJOR, EngramProtocol.VERSION_MINOR)
          .encode(payload, 0);
      channel.send(EngramProtocol.HELLO, payload, n);
      long deadline = System.nanoTime() + timeoutNanos;
      long left;
      while (helloReply == null && faultCode == 0 && (left = deadline - System.nanoTime()) > 0) {
        channel.poll(left, handler);
      }
      if (faultCode == EngramProtocol.FAULT_VERSION_MISMATCH) {
        throw new HardwareException("the firmware speaks protocol " + (faultDetail >> 8) + "."
            + (faultDetail & 0xFF) + ", the runtime " + EngramProtocol.VERSION_MAJOR + "."
            + EngramProtocol.VERSION_MINOR);
      }
    }
    if (helloReply == null) {
      throw new HardwareException("no answer to HELLO on " + channel.link().name() + " after "
          + (retries + 1) + " attempts");
    }
    if (helloReply.major() != EngramProtocol.VERSION_MAJOR) {
      throw new HardwareException("the firmware speaks protocol " + helloReply.major() + "."
          + helloReply.minor() + ", the runtime " + EngramProtocol.VERSION_MAJOR + ".x");
    }
    if (helloReply.jointCount() != joints.size()) {
      throw new HardwareException("the firmware drives " + helloReply.jointCount()
          + " joints, the configuration has " + joints.size());
    }
    clearFaults();
    return String.format("Engram firmware %d.%d, protocol %d.%d, %d joints, watchdog %d ms",
        helloReply.firmwareVersion() >> 8, helloReply.firmwareVersion() & 0xFF,
        helloReply.major(), helloReply.minor(), helloReply.jointCount(),
        helloReply.watchdogMillis());
  }

  HelloReply helloReply() {
    return helloReply;
  }

  @Override
  public Sample read(double[] position, double[] velocity, double[] effort, int[] flags)
      throws LinkDownException {
    if (!request(EngramProtocol.STATE_REQUEST)) {
      return Sample.MISSING;
    }
    for (int j = 0; j < joints.size(); j++) {
      JointConfig c = joints.get(j);
      position[j] = c.countsToRadians(state.positionCounts(j));
      velocity[j] = c.countRateToRadiansPerSecond(state.velocityMilliCounts(j) / 1000.0);
      effort[j] = state.currentMilliAmps(j) / 1000.0;
      flags[j] = state.jointFlags(j);
    }
    return Sample.FRESH;
  }

  /** Sends a request answered by JOINT_STATE and waits for the answer. */
  private boolean request(int type) throws LinkDownException {
    gotState = false;
    awaitedSeq = channel.send(type, payload, 0);
    long deadline = System.nanoTime() + timeoutNanos;
    long left;
    while (!gotState && (left = deadline - System.nanoTime()) > 0) {
      channel.poll(left, handler);
    }
    awaitedSeq = -1;
    return gotState && state.jointCount() == joints.size();
  }

  @Override
  public boolean faultLatched() {
    return (state.armFlags() & EngramProtocol.ARM_FAULT_LATCHED) != 0;
  }

  @Override
  public String faultDescription() {
    return faultCode == 0 ? "none"
        : new Fault(faultCode, faultJoint, faultDetail).toString() + " (" + faults + " reported)";
  }

  @Override
  public void write(double[] velocity, boolean enable, long nowNanos) throws LinkDownException {
    for (int j = 0; j < joints.size(); j++) {
      double rate = joints.get(j).radiansPerSecondToCountRate(velocity[j]) * 1000.0;
      int mc = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(rate)));
      command.joint(j, enable ? mc : 0, enable);
    }
    int n = command.encode(payload, 0);
    channel.send(EngramProtocol.MOTOR_COMMAND, payload, n);
  }

  @Override
  public long droppedFrames() {
    return channel.decoder().dropped();
  }

  @Override
  public void clearFaults() throws HardwareException, LinkDownException {
    for (int attempt = 0; attempt <= retries; attempt++) {
      if (request(EngramProtocol.CLEAR_FAULTS)) {
        if (faultLatched()) {
          throw new HardwareException("the firmware keeps its fault latched: "
              + faultDescription());
        }
        faultCode = 0;
        return;
      }
      LOG.debug("no answer to CLEAR_FAULTS, attempt {}", attempt + 1);
    }
    throw new HardwareException("no answer to CLEAR_FAULTS on " + channel.link().name());
  }
}
