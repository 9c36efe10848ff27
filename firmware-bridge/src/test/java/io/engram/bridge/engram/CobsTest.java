package io.engram.bridge.engram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CobsTest {

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  private static byte[] encode(byte[] src) {
    byte[] out = new byte[Cobs.maxEncodedLength(src.length)];
    int n = Cobs.encode(src, 0, src.length, out, 0);
    return Arrays.copyOf(out, n);
  }

  @Test
  void encodesTheTextbookExamples() {
    assertArrayEquals(bytes(0x01, 0x01), encode(bytes(0x00)));
    assertArrayEquals(bytes(0x01, 0x01, 0x01), encode(bytes(0x00, 0x00)));
    assertArrayEquals(bytes(0x03, 0x11, 0x22, 0x02, 0x33), encode(bytes(0x11, 0x22, 0x00, 0x33)));
    assertArrayEquals(bytes(0x05, 0x11, 0x22, 0x33, 0x44), encode(bytes(0x11, 0x22, 0x33, 0x44)));
    assertArrayEquals(bytes(0x02, 0x11, 0x01, 0x01, 0x01), encode(bytes(0x11, 0x00, 0x00, 0x00)));
    byte[] run = new byte[254];
    Arrays.fill(run, (byte) 0x01);
    byte[] enc = encode(run);
    assertEquals(256, enc.length);
    assertEquals((byte) 0xFF, enc[0]);
    assertEquals(0x01, enc[255]);
  }

  @Test
  void roundTripsRandomInputWithoutZerosInTheEncoding() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int trial = 0; trial < 2000; trial++) {
      byte[] src = new byte[rng.nextInt(600)];
      for (int i = 0; i < src.length; i++) {
        src[i] = rng.nextInt(4) == 0 ? 0 : (byte) rng.nextInt(256);
      }
      byte[] enc = encode(src);
      for (byte b : enc) {
        assertEquals(false, b == 0, "encoded data contains a zero");
      }
      byte[] dec = new byte[src.length + 8];
      int n = Cobs.decode(enc, 0, enc.length, dec, 0);
      assertArrayEquals(src, Arrays.copyOf(dec, n));
    }
  }

  @Test
  void rejectsMalformedInput() {
    byte[] out = new byte[16];
    assertEquals(-1, Cobs.decode(bytes(0x05, 0x11, 0x22), 0, 3, out, 0), "block past the end");
    assertEquals(-1, Cobs.decode(bytes(0x03, 0x00, 0x22), 0, 3, out, 0), "zero inside");
    assertEquals(-1, Cobs.decode(bytes(0x00), 0, 1, out, 0), "zero code");
    assertEquals(-1, Cobs.decode(bytes(0x05, 1, 2, 3, 4), 0, 5, new byte[2], 0), "too long");
  }
}
