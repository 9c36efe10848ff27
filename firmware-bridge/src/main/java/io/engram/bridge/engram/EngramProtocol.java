package io.engram.bridge.engram;

/**
 * Constants of the Engram frame protocol (docs/wire-protocol.md): frame layout, message types,
 * payload sizes, status flags and fault codes.
 */
public final class EngramProtocol {

  private EngramProtocol() {}

  /** Frame format version, the first byte of every frame. */
  public static final int FRAME_VERSION = 1;
  /** Message-set version exchanged in the handshake: a major mismatch refuses the session. */
  public static final int VERSION_MAJOR = 1;

  public static final int VERSION_MINOR = 0;

  /** version u8, type u8, sequence u16, timestamp u32. */
  public static final int HEADER_LENGTH = 8;

  public static final int CRC_LENGTH = 4;
  public static final int MAX_PAYLOAD = 240;
  public static final int MAX_FRAME = HEADER_LENGTH + MAX_PAYLOAD + CRC_LENGTH;
  /** Delimiter, COBS-encoded frame, delimiter. */
  public static final int MAX_WIRE = Cobs.maxEncodedLength(MAX_FRAME) + 2;

  public static final int MAX_JOINTS = 16;

  // Message types.
  public static final int HELLO = 0x01;
  public static final int HELLO_REPLY = 0x02;
  public static final int STATE_REQUEST = 0x10;
  public static final int JOINT_STATE = 0x11;
  public static final int MOTOR_COMMAND = 0x20;
  public static final int HEARTBEAT = 0x30;
  public static final int FAULT = 0x40;
  public static final int CLEAR_FAULTS = 0x41;

  public static final int HELLO_LENGTH = 4;
  public static final int HELLO_REPLY_LENGTH = 8;
  public static final int FAULT_LENGTH = 4;
  public static final int JOINT_STATE_HEADER = 6;
  public static final int JOINT_STATE_PER_JOINT = 11;
  public static final int MOTOR_COMMAND_HEADER = 2;
  public static final int MOTOR_COMMAND_PER_JOINT = 5;

  // Arm flags (JOINT_STATE byte 5).
  public static final int ARM_POWERED = 1;
  public static final int ARM_FAULT_LATCHED = 1 << 1;
  public static final int ARM_WATCHDOG_TRIPPED = 1 << 2;
  public static final int ARM_EXTERNAL_MOTION = 1 << 3;
  public static final int ARM_HANDSHAKE_DONE = 1 << 4;

  // Joint flags (per joint, last byte).
  public static final int JOINT_ENABLED = 1;
  public static final int JOINT_AT_LOWER_LIMIT = 1 << 1;
  public static final int JOINT_AT_UPPER_LIMIT = 1 << 2;
  public static final int JOINT_VELOCITY_CLAMPED = 1 << 3;
  public static final int JOINT_FAULT = 1 << 4;

  // Motor command flags (per joint, last byte).
  public static final int COMMAND_ENABLE = 1;

  // Fault codes.
  public static final int FAULT_WATCHDOG = 1;
  public static final int FAULT_POSITION_LIMIT = 2;
  public static final int FAULT_VELOCITY_LIMIT = 3;
  public static final int FAULT_OVERCURRENT = 4;
  public static final int FAULT_ENCODER = 5;
  public static final int FAULT_BAD_COMMAND = 6;
  public static final int FAULT_VERSION_MISMATCH = 7;
  public static final int FAULT_NOT_READY = 8;
  public static final int FAULT_POWER_LOST = 9;
  /** Joint byte of a fault that concerns the whole arm. */
  public static final int WHOLE_ARM = 0xFF;

  /** Whether {@code length} is a valid payload length for message {@code type}. */
  public static boolean validPayload(int type, int length) {
    switch (type) {
      case HELLO:
        return length == HELLO_LENGTH;
      case HELLO_REPLY:
        return length == HELLO_REPLY_LENGTH;
      case STATE_REQUEST:
      case HEARTBEAT:
      case CLEAR_FAULTS:
        return length == 0;
      case FAULT:
        return length == FAULT_LENGTH;
      case JOINT_STATE:
        return jointsIn(length, JOINT_STATE_HEADER, JOINT_STATE_PER_JOINT) >= 0;
      case MOTOR_COMMAND:
        return jointsIn(length, MOTOR_COMMAND_HEADER, MOTOR_COMMAND_PER_JOINT) >= 0;
      default:
        return false;
    }
  }

  /** Whether {@code type} is a message type of this protocol version. */
  public static boolean isKnownType(int type) {
    return type == HELLO
        || type == HELLO_REPLY
        || type == STATE_REQUEST
        || type == JOINT_STATE
        || type == MOTOR_COMMAND
        || type == HEARTBEAT
        || type == FAULT
        || type == CLEAR_FAULTS;
  }

  private static int jointsIn(int length, int header, int perJoint) {
    int body = length - header;
    if (body < 0 || body % perJoint != 0 || body / perJoint > MAX_JOINTS) {
      return -1;
    }
    return body / perJoint;
  }

  /** A readable name of a message type, for logs. */
  public static String typeName(int type) {
    switch (type) {
      case HELLO:
        return "HELLO";
      case HELLO_REPLY:
        return "HELLO_REPLY";
      case STATE_REQUEST:
        return "STATE_REQUEST";
      case JOINT_STATE:
        return "JOINT_STATE";
      case MOTOR_COMMAND:
        return "MOTOR_COMMAND";
      case HEARTBEAT:
        return "HEARTBEAT";
      case FAULT:
        return "FAULT";
      case CLEAR_FAULTS:
        return "CLEAR_FAULTS";
      default:
        return String.format("0x%02X", type);
    }
  }

  /** A readable name of a fault code, for logs and the cli. */
  public static String faultName(int code) {
    switch (code) {
      case FAULT_WATCHDOG:
        return "watchdog";
      case FAULT_POSITION_LIMIT:
        return "position limit";
      case FAULT_VELOCITY_LIMIT:
        return "velocity limit";
      case FAULT_OVERCURRENT:
        return "overcurrent";
      case FAULT_ENCODER:
        return "encoder";
      case FAULT_BAD_COMMAND:
        return "bad command";
      case FAULT_VERSION_MISMATCH:
        return "version mismatch";
      case FAULT_NOT_READY:
        return "not ready";
      case FAULT_POWER_LOST:
        return "motor power lost";
      default:
        return "fault " + code;
    }
  }
}
