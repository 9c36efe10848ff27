package io.engram.bridge.engram;

/**
 * FAULT payload: a fault code (EngramProtocol.FAULT_*), the joint concerned ({@link
 * EngramProtocol#WHOLE_ARM} for the arm) and a code-specific detail.
 */
public record Fault(int code, int joint, int detail) {

  public int encode(byte[] out, int off) {
    out[off] = (byte) code;
    out[off + 1] = (byte) joint;
    Bytes.putU16(out, off + 2, detail);
    return EngramProtocol.FAULT_LENGTH;
  }

  public static Fault decode(byte[] buf, int off) {
    return new Fault(buf[off] & 0xFF, buf[off + 1] & 0xFF, Bytes.u16(buf, off + 2));
  }

  @Override
  public String toString() {
    return EngramProtocol.faultName(code)
        + (joint == EngramProtocol.WHOLE_ARM ? "" : " on joint " + joint)
        + (detail == 0 ? "" : " (detail " + detail + ")");
  }
}
