package io.engram.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UpdateQuantumTest {

  @Test
  void roundsHalfToEvenLikeNumpy() {
    double q = 1.0 / 16;
    double[] d = {1.0 / 32, 3.0 / 32, -1.0 / 32, -3.0 / 32, 0.0624, 0.09, 0.5 / 16 + 1e-12};
    new UpdateQuantum(q).roundInPlace(d);
    assertArrayEquals(new double[] {0, 2 * q, -0.0, -2 * q, q, q, q}, d);
  }

  @Test
  void exactQuantumLeavesValues() {
    double[] d = {1e-9, -3};
    UpdateQuantum.EXACT.roundInPlace(d);
    assertArrayEquals(new double[] {1e-9, -3}, d);
    assertThrows(IllegalArgumentException.class, () -> new UpdateQuantum(-1));
    assertThrows(IllegalArgumentException.class, () -> new UpdateQuantum(Double.NaN));
  }
}
