package io.engram.bridge.dynamixel;

/**
 * Addresses and sizes of the X-series control table (XM430-W350 and relatives) that Engram uses.
 * Addresses below 64 are EEPROM and can be written only while torque is off.
 */
public final class ControlTable {
  private ControlTable() {}

  public static final int MODEL_NUMBER = 0; // u16
  public static final int FIRMWARE_VERSION = 6; // u8
  public static final int ID = 7; // u8
  public static final int BAUD_RATE = 8; // u8
  public static final int RETURN_DELAY_TIME = 9; // u8, 2 us per unit
  public static final int OPERATING_MODE = 11; // u8
  public static final int VELOCITY_LIMIT = 44; // u32, 0.229 rpm
  public static final int MAX_POSITION_LIMIT = 48; // u32
  public static final int MIN_POSITION_LIMIT = 52; // u32
  public static final int EEPROM_END = 64;
  public static final int TORQUE_ENABLE = 64; // u8
  public static final int LED = 65; // u8
  public static final int STATUS_RETURN_LEVEL = 68; // u8
  public static final int REGISTERED_INSTRUCTION = 69; // u8
  public static final int HARDWARE_ERROR_STATUS = 70; // u8
  public static final int GOAL_VELOCITY = 104; // i32
  public static final int GOAL_POSITION = 116; // i32
  public static final int MOVING = 122; // u8
  public static final int PRESENT_CURRENT = 126; // i16, 2.69 mA
  public static final int PRESENT_VELOCITY = 128; // i32, 0.229 rpm
  public static final int PRESENT_POSITION = 132; // i32, 4096 per revolution
  public static final int PRESENT_INPUT_VOLTAGE = 144; // u16, 0.1 V
  public static final int PRESENT_TEMPERATURE = 146; // u8
  /** One past the last address the emulated servo implements. */
  public static final int SIZE = 147;

  /** Present current, velocity and position in one block: 2 + 4 + 4 bytes at 126. */
  public static final int PRESENT_BLOCK = PRESENT_CURRENT;

  public static final int PRESENT_BLOCK_LENGTH = 10;

  public static final int MODE_VELOCITY = 1;
  public static final int MODE_POSITION = 3;

  /** XM430-W350's model number. */
  public static final int MODEL_XM430_W350 = 1020;

  // Hardware Error Status bits.
  public static final int HW_INPUT_VOLTAGE = 1;
  public static final int HW_OVERHEATING = 1 << 2;
  public static final int HW_ENCODER = 1 << 3;
  public static final int HW_ELECTRICAL_SHOCK = 1 << 4;
  public static final int HW_OVERLOAD = 1 << 5;
}
