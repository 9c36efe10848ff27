package io.engram.metatraining;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightAverageTest {

  private static MetaWeights random(SplittableRandom rng) {
    MetaWeights w = MetaWeights.zeros(MetaTrainerTest.trainer(MetaTrainerTest.tiny(), 0, 1).model().layout());
    for (int k = 0; k < 6; k++) {
      double[] b = w.block(k);
      for (int i = 0; i < b.length; i++) {
        b[i] = rng.nextGaussian() * Math.pow(10, k - 3);
      }
    }
    return w;
  }

  @Test
  void aMatrixThatDoesNotMoveStaysBitIdenticalAndTheOthersConverge() {
    SplittableRandom rng = new SplittableRandom(5);
    MetaWeights start = random(rng);
    MetaWeights target = random(rng);
    System.arraycopy(start.block(MetaWeights.LSG_REC), 0, target.block(MetaWeights.LSG_REC), 0,
        start.block(MetaWeights.LSG_REC).length);
    WeightAverage average = new WeightAverage(0.9, start);
    for (int n = 0; n < 400; n++) {
      average.update(target);
    }
    assertArrayEquals(start.block(MetaWeights.LSG_REC), average.weights().block(MetaWeights.LSG_REC), 0.0);
    for (int k : new int[] {MetaWeights.IN, MetaWeights.OUT, MetaWeights.LSG_OUT}) {
      assertArrayEquals(target.block(k), average.weights().block(k), 1e-15 * Math.pow(10, k), MetaWeights.NAMES[k]);
    }
  }

  @Test
  void oneUpdateMovesByTheIterationsShare() {
    SplittableRandom rng = new SplittableRandom(6);
    MetaWeights start = random(rng);
    MetaWeights w = random(rng);
    double[] before = start.block(MetaWeights.REC).clone();
    WeightAverage average = new WeightAverage(0.75, start);
    average.update(w);
    assertArrayEquals(before, start.block(MetaWeights.REC), 0.0, "the start is copied, not shared");
    double[] a = start.block(MetaWeights.REC);
    double[] x = w.block(MetaWeights.REC);
    double[] got = average.weights().block(MetaWeights.REC);
    for (int i = 0; i < a.length; i++) {
      assertEquals(0.75 * a[i] + 0.25 * x[i], got[i], 1e-12 * (Math.abs(a[i]) + Math.abs(x[i])));
    }
  }

  @Test
  void refusesADecayOutsideTheOpenUnitInterval() {
    MetaWeights w = random(new SplittableRandom(7));
    for (double d : new double[] {0, 1, -0.1, Double.NaN}) {
      assertThrows(IllegalArgumentException.class, () -> new WeightAverage(d, w), "decay " + d);
    }
  }
}
