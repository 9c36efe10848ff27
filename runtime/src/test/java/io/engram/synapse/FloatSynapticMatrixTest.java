package io.engram.synapse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FloatSynapticMatrixTest {

  @Test
  void accumulatesOnlyTheActiveRows() {
    FloatSynapticMatrix m = new FloatSynapticMatrix(3, 2);
    assertEquals(6, m.program(new double[] {1, 2, 10, 20, 100, 200}));
    double[] out = {0.5, 0.5};
    m.accumulateRows(new int[] {2, 0, 9}, 2, out);
    assertArrayEquals(new double[] {101.5, 202.5}, out);
  }

  @Test
  void updateCountsTheCellsWhoseValueChanged() {
    FloatSynapticMatrix m = FloatSynapticMatrix.of(WeightMatrix.of(2, 2, new double[] {1, 2, 3, 4}));
    assertEquals(2, m.update(new double[] {0, 0.5, 0, -1}));
    assertEquals(0, m.update(new double[] {1e-30, 0, 0, 0}), "below the resolution of 1.0");
    double[] read = new double[4];
    m.read(read);
    assertArrayEquals(new double[] {1, 2.5, 3, 3}, read);
    assertThrows(IllegalArgumentException.class, () -> m.update(new double[3]));
  }

  @Test
  void weightMatrixHelpers() {
    WeightMatrix a = WeightMatrix.of(2, 2, new double[] {1, 2, 3, 4});
    assertEquals(WeightMatrix.of(2, 2, new double[] {0, 2, 3, 0}), a.withZeroDiagonal());
    WeightMatrix s = WeightMatrix.of(1, 2, new double[] {9, 8}).stack(a);
    assertEquals(3, s.rows());
    assertEquals(4.0, s.get(2, 1));
    assertEquals(9.0, s.maxAbs());
  }
}
