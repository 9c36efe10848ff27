package io.engram.npy;

/** The element types Engram reads and writes: little-endian floats and booleans. */
public enum NpyDType {
  FLOAT32("<f4", 4),
  FLOAT64("<f8", 8),
  BOOL("|b1", 1);

  private final String descr;
  private final int itemSize;

  NpyDType(String descr, int itemSize) {
    this.descr = descr;
    this.itemSize = itemSize;
  }

  /** The NumPy type descriptor written in the header, e.g. {@code <f4}. */
  public String descr() {
    return descr;
  }

  /** Bytes per element. */
  public int itemSize() {
    return itemSize;
  }

  /** Whether the elements are numbers (as opposed to booleans). */
  public boolean isFloating() {
    return this != BOOL;
  }

  /**
   * The type for a header descriptor.
   *
   * @throws NpyFormatException for big-endian data and any other type, naming the supported ones
   */
  static NpyDType ofDescr(String descr, String source) throws NpyFormatException {
    switch (descr) {
      case "<f4":
        return FLOAT32;
      case "<f8":
        return FLOAT64;
      case "|b1":
      case "<b1":
      case "=b1":
        return BOOL;
      default:
        break;
    }
    if (descr.startsWith(">")) {
      throw new NpyFormatException(
          source + ": big-endian data ('" + descr + "') is not supported; save it little-endian");
    }
    throw new NpyFormatException(
        source
            + ": unsupported dtype '"
            + descr
            + "'; supported are float32 '<f4', float64 '<f8' and bool '|b1'");
  }
}
