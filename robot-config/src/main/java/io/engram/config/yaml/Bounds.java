package io.engram.config.yaml;

/** The admissible range of a number in a configuration file; values are always finite. */
record Bounds(double min, boolean minInclusive, double max, boolean maxInclusive) {

  static Bounds any() {
    return new Bounds(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
  }

  static Bounds atLeast(double min) {
    return new Bounds(min, true, Double.POSITIVE_INFINITY, false);
  }

  static Bounds above(double min) {
    return new Bounds(min, false, Double.POSITIVE_INFINITY, false);
  }

  static Bounds between(double min, double max) {
    return new Bounds(min, true, max, true);
  }

  boolean admits(double v) {
    if (!Double.isFinite(v)) {
      return false;
    }
    boolean aboveMin = minInclusive ? v >= min : v > min;
    boolean belowMax = maxInclusive ? v <= max : v < max;
    return aboveMin && belowMax;
  }

  /** Human form: "any", ">= 0", "> 0", "0 to 1". */
  String describe() {
    boolean hasMin = min != Double.NEGATIVE_INFINITY;
    boolean hasMax = max != Double.POSITIVE_INFINITY;
    if (hasMin && hasMax && minInclusive && maxInclusive) {
      return number(min) + " to " + number(max);
    }
    StringBuilder sb = new StringBuilder();
    if (hasMin) {
      sb.append(minInclusive ? ">= " : "> ").append(number(min));
    }
    if (hasMax) {
      sb.append(hasMin ? " and " : "").append(maxInclusive ? "<= " : "< ").append(number(max));
    }
    return sb.length() == 0 ? "any" : sb.toString();
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
