package io.engram.bridge.dynamixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC section 8's golden frames, byte for byte, and the stuffing rules. */
class DynamixelCodecTest {

  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  private static byte[] params(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  private static String instruction(int id, int inst, byte[] p) {
    byte[] out = new byte[64];
    int n = DynamixelCodec.instruction(id, inst, p, 0, p.length, out);
    return HEX.formatHex(out, 0, n);
  }

  private static String status(int id, int err, byte[] p) {
    byte[] out = new byte[64];
    int n = DynamixelCodec.status(id, err, p, 0, p.length, out);
    return HEX.formatHex(out, 0, n);
  }

  static List<DynamixelPacket> decodeCopies(byte[] wire) {
    List<DynamixelPacket> got = new ArrayList<>();
    new DynamixelDecoder().feed(wire, 0, wire.length, p -> {
      DynamixelPacket c = new DynamixelPacket();
      c.id = p.id;
      c.instruction = p.instruction;
      c.error = p.error;
      c.paramLength = p.paramLength;
      System.arraycopy(p.params, 0, c.params, 0, p.paramLength);
      got.add(c);
    });
    return got;
  }

  @Test
  void crcCheckValue() {
    byte[] s = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0xFEE8, DynamixelCrc.compute(s, 0, s.length));
  }

  @Test
  void pingAndItsReply() {
    assertEquals("FF FF FD 00 01 03 00 01 19 4E", instruction(1, Instruction.PING, params()));
    assertEquals("FF FF FD 00 01 07 00 55 00 06 04 26 65 5D",
        status(1, 0, params(0x06, 0x04, 0x26)));
  }

  @Test
  void readPresentPosition() {
    assertEquals("FF FF FD 00 01 07 00 02 84 00 04 00 1D 15",
        instruction(1, Instruction.READ, params(0x84, 0x00, 0x04, 0x00)));
  }

  @Test
  void writeGoalPositionAndItsReply() {
    assertEquals("FF FF FD 00 01 09 00 03 74 00 00 02 00 00 CA 89",
        instruction(1, Instruction.WRITE, params(0x74, 0x00, 0x00, 0x02, 0x00, 0x00)));
    assertEquals("FF FF FD 00 01 04 00 55 00 A1 0C", status(1, 0, params()));
  }

  @Test
  void syncReadAndSyncWrite() {
    assertEquals("FF FF FD 00 FE 09 00 82 84 00 04 00 01 02 CE FA",
        instruction(0xFE, Instruction.SYNC_READ, params(0x84, 0x00, 0x04, 0x00, 0x01, 0x02)));
    assertEquals("FF FF FD 00 FE 11 00 83 74 00 04 00 01 96 00 00 00 02 AA 00 00 00 82 87",
        instruction(0xFE, Instruction.SYNC_WRITE, params(0x74, 0x00, 0x04, 0x00,
            0x01, 0x96, 0x00, 0x00, 0x00, 0x02, 0xAA, 0x00, 0x00, 0x00)));
  }

  @Test
  void goldenFramesDecodeToTheirFields() {
    List<DynamixelPacket> got = decodeCopies(HEX.parseHex(
        "FF FF FD 00 01 07 00 55 00 06 04 26 65 5D FF FF FD 00 FE 09 00 82 84 00 04 00 01 02 CE FA"));
    assertEquals(2, got.size());
    assertTrue(got.get(0).isStatus());
    assertEquals(1030, got.get(0).unsigned(0, 2));
    assertEquals(0x26, got.get(0).unsigned(2, 1));
    assertEquals(Instruction.SYNC_READ, got.get(1).instruction());
    assertEquals(0xFE, got.get(1).id());
    assertEquals(6, got.get(1).paramLength());
  }

  @Test
  void stuffsAndUnstuffsTheHeaderPattern() {
    // Two header patterns inside the data; LEN counts the two stuffed bytes.
    byte[] p = params(0x74, 0x00, 0xFF, 0xFF, 0xFD, 0xFD, 0xFF, 0xFF, 0xFF, 0xFD, 0x01);
    byte[] out = new byte[64];
    int n = DynamixelCodec.instruction(3, Instruction.WRITE, p, 0, p.length, out);
    String hex = HEX.formatHex(out, 0, n);
    assertTrue(hex.startsWith("FF FF FD 00 03 10 00 03 74 00 FF FF FD FD FD FF FF FF FD FD 01"),
        hex);
    List<DynamixelPacket> got = decodeCopies(Arrays.copyOf(out, n));
    assertEquals(1, got.size());
    assertArrayEquals(p, Arrays.copyOf(got.get(0).params(), got.get(0).paramLength()));
  }

  @Test
  void statusErrorBits() {
    assertEquals(StatusError.ACCESS, StatusError.of(0x87));
    assertTrue(StatusError.alert(0x87));
    assertEquals(StatusError.NONE, StatusError.of(0x80));
    assertEquals(StatusError.CRC, StatusError.of(3));
    assertEquals(StatusError.UNKNOWN, StatusError.of(0x7F));
  }

  @Test
  void signedFields() {
    byte[] b = new byte[4];
    DynamixelCodec.put(b, 0, -150, 4);
    assertEquals(-150, DynamixelCodec.signed(b, 0, 4));
    DynamixelCodec.put(b, 0, -2, 2);
    assertEquals(-2, DynamixelCodec.signed(b, 0, 2));
    assertEquals(0xFFFE, DynamixelCodec.unsigned(b, 0, 2));
  }

  @Test
  void unitConversions() {
    assertEquals(0.023980823, DynamixelUnits.radPerS(1), 1e-9);
    assertEquals(42, DynamixelUnits.velocityUnits(DynamixelUnits.radPerS(42)));
    assertEquals(0.269, DynamixelUnits.amperes(100), 1e-12);
  }
}
