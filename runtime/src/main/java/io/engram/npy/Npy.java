package io.engram.npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes single NumPy {@code .npy} arrays (format versions 1.0, 2.0 and 3.0).
 *
 * <p>Supported: float32, float64 and bool, little-endian, C order. Anything else (another dtype,
 * big-endian data, Fortran order, a truncated or over-long payload, a malformed header) is
 * rejected with an {@link NpyFormatException} that names the source and the problem.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int MAX_HEADER_BYTES = 1 << 16;
  private static final int ALIGNMENT = 64;

  private Npy() {}

  /** Reads one array from a {@code .npy} file. */
  public static NpyArray read(Path file) throws IOException {
    return decode(Files.readAllBytes(file), file.toString());
  }

  /** Reads one array from a stream holding exactly one {@code .npy} payload. */
  public static NpyArray read(InputStream in, String source) throws IOException {
    return decode(in.readAllBytes(), source);
  }

  /** Writes one array to a {@code .npy} file. */
  public static void write(NpyArray array, Path file) throws IOException {
    Files.write(file, encode(array));
  }

  /** Writes one array to a stream. */
  public static void write(NpyArray array, OutputStream out) throws IOException {
    out.write(encode(array));
  }

  /** Decodes a complete {@code .npy} payload. */
  public static NpyArray decode(byte[] bytes, String source) throws NpyFormatException {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < MAGIC.length + 4) {
      throw new NpyFormatException(source + ": too short for a .npy file (" + bytes.length + " bytes)");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new NpyFormatException(source + ": not a .npy file (bad magic string)");
      }
    }
    int major = bytes[6] & 0xff;
    int minor = bytes[7] & 0xff;
    buf.position(8);
    long headerLength;
    if (major == 1) {
      headerLength = buf.getShort() & 0xffff;
    } else if (major == 2 || major == 3) {
      headerLength = buf.getInt() & 0xffffffffL;
    } else {
      throw new NpyFormatException(
          source + ": unsupported .npy format version " + major + "." + minor);
    }
    if (headerLength > MAX_HEADER_BYTES || buf.position() + headerLength > bytes.length) {
      throw new NpyFormatException(
          source + ": header length " + headerLength + " exceeds the file (" + bytes.length + " bytes)");
    }
    String header =
        new String(
            bytes,
            buf.position(),
            (int) headerLength,
            major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    int dataStart = buf.position() + (int) headerLength;
    HeaderDict dict = HeaderDict.parse(header, source);
    NpyDType dtype = NpyDType.ofDescr(dict.descr, source);
    if (dict.fortranOrder) {
      throw new NpyFormatException(
          source + ": Fortran-order arrays are not supported; save it in C order");
    }
    long size = NpyArray.sizeOf(dict.shape);
    if (size == Long.MAX_VALUE) {
      throw new NpyFormatException(
          source + ": shape " + NpyArray.shapeString(dict.shape) + " is too large");
    }
    long expected = size * dtype.itemSize();
    long available = bytes.length - (long) dataStart;
    if (available < expected) {
      throw new NpyFormatException(
          source
              + ": truncated: shape "
              + NpyArray.shapeString(dict.shape)
              + " of "
              + dtype.descr()
              + " needs "
              + expected
              + " data bytes, found "
              + available);
    }
    if (available > expected) {
      throw new NpyFormatException(
          source + ": " + (available - expected) + " unexpected bytes after the array data");
    }
    buf.position(dataStart);
    int n = (int) size;
    switch (dtype) {
      case FLOAT32:
        {
          double[] v = new double[n];
          for (int i = 0; i < n; i++) {
            v[i] = buf.getFloat();
          }
          return NpyArray.wrap(dtype, dict.shape, v, null);
        }
      case FLOAT64:
        {
          double[] v = new double[n];
          buf.asDoubleBuffer().get(v);
          return NpyArray.wrap(dtype, dict.shape, v, null);
        }
      default:
        {
          boolean[] v = new boolean[n];
          for (int i = 0; i < n; i++) {
            byte b = buf.get();
            if (b != 0 && b != 1) {
              throw new NpyFormatException(
                  source + ": bool element " + i + " holds byte " + (b & 0xff) + ", not 0 or 1");
            }
            v[i] = b == 1;
          }
          return NpyArray.wrap(dtype, dict.shape, null, v);
        }
    }
  }

  /** Encodes an array as a version 1.0 {@code .npy} payload, header padded to 64 bytes. */
  public static byte[] encode(NpyArray array) {
    String dict =
        "{'descr': '"
            + array.dtype().descr()
            + "', 'fortran_order': False, 'shape': "
            + array.shapeString()
            + ", }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
    String header = dict + " ".repeat(padding) + "\n";
    int n = array.size();
    ByteBuffer buf =
        ByteBuffer.allocate(MAGIC.length + 4 + header.length() + n * array.dtype().itemSize())
            .order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
    for (int i = 0; i < n; i++) {
      double x = array.get(i);
      switch (array.dtype()) {
        case FLOAT32:
          buf.putFloat((float) x);
          break;
        case FLOAT64:
          buf.putDouble(x);
          break;
        default:
          buf.put(x != 0 ? (byte) 1 : (byte) 0);
      }
    }
    return buf.array();
  }

  /** The three fields of a {@code .npy} header dictionary. */
  private static final class HeaderDict {
    String descr;
    Boolean fortranOrder;
    int[] shape;

    static HeaderDict parse(String header, String source) throws NpyFormatException {
      HeaderDict d = new HeaderDict();
      Cursor c = new Cursor(header, source);
      c.skipSpace();
      c.expect('{');
      while (true) {
        c.skipSpace();
        if (c.peek() == '}') {
          c.next();
          break;
        }
        String key = c.quoted();
        c.skipSpace();
        c.expect(':');
        c.skipSpace();
        switch (key) {
          case "descr":
            d.descr = c.quoted();
            break;
          case "fortran_order":
            d.fortranOrder = c.bool();
            break;
          case "shape":
            d.shape = c.tuple();
            break;
          default:
            throw c.error("unknown header key '" + key + "'");
        }
        c.skipSpace();
        if (c.peek() == ',') {
          c.next();
        }
      }
      if (d.descr == null || d.fortranOrder == null || d.shape == null) {
        throw new NpyFormatException(
            source + ": header lacks one of 'descr', 'fortran_order', 'shape': " + header.trim());
      }
      return d;
    }
  }

  /** A minimal scanner over the Python literal syntax NumPy writes in headers. */
  private static final class Cursor {
    private final String s;
    private final String source;
    private int i;

    Cursor(String s, String source) {
      this.s = s;
      this.source = source;
    }

    NpyFormatException error(String what) {
      return new NpyFormatException(
          source + ": malformed header at character " + i + ": " + what + " in " + s.trim());
    }

    char peek() throws NpyFormatException {
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      return s.charAt(i);
    }

    char next() throws NpyFormatException {
      char ch = peek();
      i++;
      return ch;
    }

    void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    void expect(char ch) throws NpyFormatException {
      if (next() != ch) {
        i--;
        throw error("expected '" + ch + "'");
      }
    }

    String quoted() throws NpyFormatException {
      char q = next();
      if (q != '\'' && q != '"') {
        i--;
        throw error("expected a quoted string");
      }
      int start = i;
      while (peek() != q) {
        i++;
      }
      String out = s.substring(start, i);
      i++;
      return out;
    }

    boolean bool() throws NpyFormatException {
      if (s.startsWith("True", i)) {
        i += 4;
        return true;
      }
      if (s.startsWith("False", i)) {
        i += 5;
        return false;
      }
      throw error("expected True or False");
    }

    int[] tuple() throws NpyFormatException {
      expect('(');
      List<Integer> dims = new ArrayList<>();
      while (true) {
        skipSpace();
        if (peek() == ')') {
          next();
          break;
        }
        int start = i;
        while (Character.isDigit(peek())) {
          i++;
        }
        if (start == i) {
          throw error("expected a non-negative integer extent");
        }
        // NumPy 1.x may write a trailing L on Python 2 longs.
        if (peek() == 'L') {
          i++;
        }
        try {
          dims.add(Integer.parseInt(s.substring(start, i).replace("L", "")));
        } catch (NumberFormatException e) {
          throw error("extent " + s.substring(start, i) + " is out of range");
        }
        skipSpace();
        if (peek() == ',') {
          next();
        } else if (peek() != ')') {
          throw error("expected ',' or ')'");
        }
      }
      return dims.stream().mapToInt(Integer::intValue).toArray();
    }
  }
}
