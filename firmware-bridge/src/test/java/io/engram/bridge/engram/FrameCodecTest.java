package io.engram.bridge.engram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Golden frames of docs/wire-protocol.md and round trips of every message. */
class FrameCodecTest {

  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  static byte[] wire(int type, int seq, long ts, byte[] payload, int len) {
    byte[] out = new byte[EngramProtocol.MAX_WIRE];
    int n = new FrameEncoder().encode(type, seq, ts, payload, 0, len, out, 0);
    return Arrays.copyOf(out, n);
  }

  /** Decodes wire bytes into copies of (type, seq, ts, payload). */
  static List<Object[]> decode(FrameDecoder d, byte[] w) {
    List<Object[]> got = new ArrayList<>();
    d.feed(w, 0, w.length, f -> got.add(new Object[] {f.type(), f.seq(), f.timestampMicros(),
        Arrays.copyOfRange(f.payload(), f.payloadOffset(), f.payloadOffset() + f.payloadLength())}));
    return got;
  }

  @Test
  void crc32cMatchesItsCheckValue() {
    CRC32C c = new CRC32C();
    c.update("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(0xE3069283L, c.getValue());
  }

  @Test
  void stateRequestGoldenFrame() {
    byte[] w = wire(EngramProtocol.STATE_REQUEST, 0x0102, 0x0A0B0C0DL, new byte[0], 0);
    assertEquals("00 0D 01 10 02 01 0D 0C 0B 0A 0F DB 6F 8E 00", HEX.formatHex(w));
  }

  @Test
  void helloGoldenFrame() {
    byte[] p = new byte[4];
    int n = new Hello(1, 0).encode(p, 0);
    byte[] w = wire(EngramProtocol.HELLO, 0, 1000, p, n);
    assertEquals("00 03 01 01 01 03 E8 03 01 02 01 01 01 05 59 75 1A 89 00", HEX.formatHex(w));
  }

  @Test
  void motorCommandGoldenFrame() {
    MotorCommandMessage m = new MotorCommandMessage().jointCount(2)
        .joint(0, 1500, true).joint(1, -250, true);
    byte[] p = new byte[64];
    int n = m.encode(p, 0);
    byte[] w = wire(EngramProtocol.MOTOR_COMMAND, 7, 123456, p, n);
    assertEquals("00 04 01 20 07 04 40 E2 01 02 02 03 DC 05 01 0A 01 06 FF FF FF 01 88 DD 10 01 00",
        HEX.formatHex(w));
  }

  @Test
  void jointStateGoldenFrame() {
    JointStateMessage s = new JointStateMessage()
        .set(7, 6, EngramProtocol.ARM_POWERED | EngramProtocol.ARM_HANDSHAKE_DONE, 2)
        .joint(0, 408, 1500, 120, EngramProtocol.JOINT_ENABLED)
        .joint(1, -35, -250, -40, EngramProtocol.JOINT_ENABLED | EngramProtocol.JOINT_AT_LOWER_LIMIT);
    byte[] p = new byte[64];
    int n = s.encode(p, 0);
    byte[] w = wire(EngramProtocol.JOINT_STATE, 9, 123789, p, n);
    assertEquals("00 04 01 11 09 04 8D E3 01 02 07 02 06 05 02 11 98 01 01 03 DC 05 01 02 78 11 "
        + "01 DD FF FF FF 06 FF FF FF D8 FF 03 9F F4 77 1B 00", HEX.formatHex(w));
  }

  @Test
  void heartbeatGoldenFrame() {
    byte[] w = wire(EngramProtocol.HEARTBEAT, 42, 5_000_000, new byte[0], 0);
    assertEquals("00 04 01 30 2A 04 40 4B 4C 05 0F 5D 5F C8 00", HEX.formatHex(w));
  }

  @Test
  void everyMessageRoundTrips() {
    FrameDecoder d = new FrameDecoder();
    byte[] p = new byte[EngramProtocol.MAX_PAYLOAD];
    JointStateMessage s = new JointStateMessage().set(65535, 3, 0x1F, EngramProtocol.MAX_JOINTS);
    for (int j = 0; j < EngramProtocol.MAX_JOINTS; j++) {
      s.joint(j, Integer.MIN_VALUE + j, Integer.MAX_VALUE - j, -32768 + j, j);
    }
    int n = s.encode(p, 0);
    List<Object[]> got = decode(d, wire(EngramProtocol.JOINT_STATE, 65535, 0xFFFFFFFFL, p, n));
    assertEquals(1, got.size());
    assertEquals(65535, got.get(0)[1]);
    assertEquals(0xFFFFFFFFL, got.get(0)[2]);
    byte[] payload = (byte[]) got.get(0)[3];
    JointStateMessage back = new JointStateMessage();
    assertTrue(back.decode(payload, 0, payload.length));
    assertEquals(65535, back.ackSeq());
    assertEquals(3, back.lastCommandSeq());
    assertEquals(0x1F, back.armFlags());
    for (int j = 0; j < EngramProtocol.MAX_JOINTS; j++) {
      assertEquals(Integer.MIN_VALUE + j, back.positionCounts(j));
      assertEquals(Integer.MAX_VALUE - j, back.velocityMilliCounts(j));
      assertEquals(-32768 + j, back.currentMilliAmps(j));
      assertEquals(j, back.jointFlags(j));
    }

    MotorCommandMessage m = new MotorCommandMessage().jointCount(3)
        .joint(0, -1, true).joint(1, 0, false).joint(2, 123456789, true);
    n = m.encode(p, 0);
    payload = (byte[]) decode(d, wire(EngramProtocol.MOTOR_COMMAND, 1, 2, p, n)).get(0)[3];
    MotorCommandMessage mb = new MotorCommandMessage();
    assertTrue(mb.decode(payload, 0, payload.length));
    assertEquals(3, mb.jointCount());
    assertEquals(-1, mb.velocityMilliCounts(0));
    assertEquals(false, mb.enabled(1));
    assertEquals(123456789, mb.velocityMilliCounts(2));

    n = new HelloReply(1, 2, 6, 0x0103, 50).encode(p, 0);
    payload = (byte[]) decode(d, wire(EngramProtocol.HELLO_REPLY, 1, 2, p, n)).get(0)[3];
    assertEquals(new HelloReply(1, 2, 6, 0x0103, 50), HelloReply.decode(payload, 0));

    n = new Fault(EngramProtocol.FAULT_WATCHDOG, EngramProtocol.WHOLE_ARM, 51).encode(p, 0);
    payload = (byte[]) decode(d, wire(EngramProtocol.FAULT, 1, 2, p, n)).get(0)[3];
    assertEquals(new Fault(EngramProtocol.FAULT_WATCHDOG, 255, 51), Fault.decode(payload, 0));
    assertEquals(0, d.dropped());
  }

  @Test
  void dropsAndCountsWrongLengthsVersionsTypesAndCrcs() {
    FrameDecoder d = new FrameDecoder();
    byte[] p = new byte[8];
    decode(d, wire(EngramProtocol.HEARTBEAT, 0, 0, p, 1));
    assertEquals(1, d.lengthErrors());
    decode(d, wire(0x77, 0, 0, p, 0));
    assertEquals(1, d.unknownTypes());
    byte[] w = wire(EngramProtocol.HEARTBEAT, 0, 0, p, 0);
    w[3] ^= 0x01; // the type byte: COBS stays valid, the CRC does not
    decode(d, w);
    assertEquals(1, d.crcErrors());
    decode(d, new byte[] {0, 3, 1, 2, 0});
    assertEquals(2, d.lengthErrors(), "too short for a frame");
    assertEquals(0, d.frames());
    // A frame in version 2 with a valid CRC.
    byte[] raw = {2, 0x30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    CRC32C c = new CRC32C();
    c.update(raw, 0, 8);
    Bytes.putI32(raw, 8, (int) c.getValue());
    byte[] enc = new byte[20];
    int n = Cobs.encode(raw, 0, 12, enc, 1);
    decode(d, Arrays.copyOf(enc, n + 2));
    assertEquals(1, d.versionErrors());
    assertEquals(0, d.frames());
  }

  @Test
  void decodesFramesSplitAtEveryByteBoundary() {
    byte[] p = new byte[64];
    int n = new MotorCommandMessage().jointCount(4).joint(0, 0, true).joint(3, 0xFD00, false)
        .encode(p, 0);
    byte[] w = wire(EngramProtocol.MOTOR_COMMAND, 300, 77, p, n);
    byte[] two = new byte[w.length * 2];
    System.arraycopy(w, 0, two, 0, w.length);
    System.arraycopy(w, 0, two, w.length, w.length);
    for (int cut = 0; cut <= two.length; cut++) {
      FrameDecoder d = new FrameDecoder();
      List<Object[]> got = new ArrayList<>();
      FrameDecoder.Handler h = f -> got.add(new Object[] {f.seq()});
      d.feed(two, 0, cut, h);
      d.feed(two, cut, two.length - cut, h);
      assertEquals(2, got.size(), "cut at " + cut);
    }
  }

  @Test
  void oversizedGarbageIsDiscardedAndTheNextFrameSurvives() {
    FrameDecoder d = new FrameDecoder();
    byte[] junk = new byte[5000];
    Arrays.fill(junk, (byte) 0x41);
    List<Object[]> got = decode(d, junk);
    byte[] w = wire(EngramProtocol.HEARTBEAT, 5, 6, new byte[0], 0);
    got.addAll(decode(d, w));
    assertEquals(1, got.size());
    assertArrayEquals(new byte[0], (byte[]) got.get(0)[3]);
    assertEquals(1, d.lengthErrors());
  }
}
