package io.engram.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyTest {

  /** Builds a .npy payload the way NumPy lays it out, with a caller-chosen header dict. */
  static byte[] npy(int major, String dict, byte[] data) {
    int prefix = 6 + 2 + (major == 1 ? 2 : 4);
    int unpadded = prefix + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    ByteBuffer b =
        ByteBuffer.allocate(prefix + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    if (major == 1) {
      b.putShort((short) header.length());
    } else {
      b.putInt(header.length());
    }
    b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
    return b.array();
  }

  static byte[] floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      b.putFloat(x);
    }
    return b.array();
  }

  @Test
  void decodesFloat32AsNumpyWritesIt() throws Exception {
    byte[] bytes =
        npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", floats(1, 2, 3, 4, 5, 0.1f));
    NpyArray a = Npy.decode(bytes, "t");
    assertEquals(NpyDType.FLOAT32, a.dtype());
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, (double) 0.1f}, a.toDoubles());
  }

  @Test
  void decodesVersionTwoHeadersScalarsAndOneDimensionalShapes() throws Exception {
    ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(Math.PI);
    NpyArray scalar = Npy.decode(npy(2, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", d.array()), "t");
    assertEquals(0, scalar.rank());
    assertEquals(Math.PI, scalar.get(0));
    NpyArray vec =
        Npy.decode(npy(3, "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2,)}", floats(7, 8)), "t");
    assertArrayEquals(new int[] {2}, vec.shape());
    assertEquals("(2,)", vec.shapeString());
  }

  @Test
  void decodesBool() throws Exception {
    NpyArray a =
        Npy.decode(npy(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", new byte[] {0, 1, 1}), "t");
    assertArrayEquals(new boolean[] {false, true, true}, a.toBooleans());
    assertArrayEquals(new double[] {0, 1, 1}, a.toDoubles());
  }

  @Test
  void roundTripsEveryDtypeAndAlignsTheHeader() throws Exception {
    NpyArray[] arrays = {
      NpyArray.ofFloat32(new int[] {2, 2}, new double[] {0.1, -2.5, 3e-8, Float.MAX_VALUE}),
      NpyArray.ofFloat64(new int[] {1, 3}, new double[] {0.1, Double.MIN_VALUE, -0.0}),
      NpyArray.ofBool(new int[] {4}, new boolean[] {true, false, false, true}),
      NpyArray.ofFloat64(new int[] {0, 5}, new double[0]),
    };
    for (NpyArray a : arrays) {
      byte[] bytes = Npy.encode(a);
      int headerEnd = 10 + (bytes[8] & 0xff);
      assertEquals(0, headerEnd % 64, "data starts 64-byte aligned");
      NpyArray b = Npy.decode(bytes, "t");
      assertEquals(a.dtype(), b.dtype());
      assertArrayEquals(a.shape(), b.shape());
      assertArrayEquals(a.toDoubles(), b.toDoubles());
    }
    assertEquals((double) 0.1f, arrays[0].get(0), "float32 arrays hold float32 values");
  }

  @Test
  void writesToStreams() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.write(NpyArray.ofFloat64(new int[] {1}, new double[] {42}), out);
    assertEquals(42.0, Npy.read(new java.io.ByteArrayInputStream(out.toByteArray()), "s").get(0));
  }

  @Test
  void rejectsFortranOrder() {
    byte[] bytes = npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }", floats(1, 2));
    NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.decode(bytes, "f.npy"));
    assertTrue(e.getMessage().contains("Fortran"), e.getMessage());
    assertTrue(e.getMessage().startsWith("f.npy"), "names the source: " + e.getMessage());
  }

  @Test
  void rejectsBigEndianAndOtherDtypes() {
    for (String descr : new String[] {">f4", "<i8", "<f2", "<c16", "|u1", "|O"}) {
      byte[] bytes = npy(1, "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }", floats(1));
      NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.decode(bytes, "t"));
      assertTrue(e.getMessage().contains(descr), e.getMessage());
    }
  }

  @Test
  void rejectsTruncatedAndOverlongData() {
    byte[] shortData = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", floats(1, 2));
    NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.decode(shortData, "t"));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    byte[] longData = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(1, 2));
    assertThrows(NpyFormatException.class, () -> Npy.decode(longData, "t"));
    byte[] good = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", floats(1, 2));
    for (int cut = 0; cut < good.length; cut++) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThrows(NpyFormatException.class, () -> Npy.decode(truncated, "t"), "cut at " + cut);
    }
  }

  @Test
  void rejectsMalformedHeaders() {
    String[] dicts = {
      "{'descr': '<f4', 'shape': (1,), }",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }",
      "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,), }",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536), }",
      "['descr']",
    };
    for (String dict : dicts) {
      byte[] bytes = npy(1, dict, floats(1));
      assertThrows(NpyFormatException.class, () -> Npy.decode(bytes, "t"), dict);
    }
    byte[] badMagic = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(1));
    badMagic[1] = 'X';
    assertThrows(NpyFormatException.class, () -> Npy.decode(badMagic, "t"));
    byte[] badVersion = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(1));
    badVersion[6] = 9;
    assertThrows(NpyFormatException.class, () -> Npy.decode(badVersion, "t"));
  }

  @Test
  void rejectsBoolBytesOtherThanZeroOrOne() {
    byte[] bytes = npy(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", new byte[] {1, 7});
    assertThrows(NpyFormatException.class, () -> Npy.decode(bytes, "t"));
  }
}
