package io.engram.bridge.dynamixel;

/** Instruction codes of Dynamixel Protocol 2.0, and the broadcast id. */
public final class Instruction {
  private Instruction() {}

  public static final int PING = 0x01;
  public static final int READ = 0x02;
  public static final int WRITE = 0x03;
  public static final int REG_WRITE = 0x04;
  public static final int ACTION = 0x05;
  public static final int FACTORY_RESET = 0x06;
  public static final int REBOOT = 0x08;
  public static final int CLEAR = 0x10;
  public static final int STATUS = 0x55;
  public static final int SYNC_READ = 0x82;
  public static final int SYNC_WRITE = 0x83;
  public static final int BULK_READ = 0x92;
  public static final int BULK_WRITE = 0x93;

  /** The id every device obeys (and none answers, except PING and reads). */
  public static final int BROADCAST_ID = 0xFE;
  /** The largest id a device may have. */
  public static final int MAX_ID = 252;

  public static String name(int instruction) {
    switch (instruction) {
      case PING: return "PING";
      case READ: return "READ";
      case WRITE: return "WRITE";
      case REG_WRITE: return "REG_WRITE";
      case ACTION: return "ACTION";
      case FACTORY_RESET: return "FACTORY_RESET";
      case REBOOT: return "REBOOT";
      case CLEAR: return "CLEAR";
      case STATUS: return "STATUS";
      case SYNC_READ: return "SYNC_READ";
      case SYNC_WRITE: return "SYNC_WRITE";
      case BULK_READ: return "BULK_READ";
      case BULK_WRITE: return "BULK_WRITE";
      default: return String.format("0x%02X", instruction);
    }
  }
}
