package io.engram.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {

  @Test
  void matchesTheClosedFormOfATwoFeatureProblem() {
    // X = [[1, 2], [3, 4], [5, 7]], y = [1, 0, 2]: X^T X = [[35, 49], [49, 69]], X^T y = [11, 16];
    // mean diagonal 52, relative ridge 0.5 -> lambda = 26; A = [[61, 49], [49, 95]],
    // det = 61 * 95 - 49^2 = 3394, w = A^-1 X^T y = [95*11 - 49*16, 61*16 - 49*11] / 3394.
    double[] x = {1, 2, 3, 4, 5, 7};
    double[] y = {1, 0, 2};
    double[] w = RidgeRegression.solve(x, 3, 2, y, 1, 0.5);
    assertArrayEquals(new double[] {(95 * 11 - 49 * 16) / 3394.0, (61 * 16 - 49 * 11) / 3394.0}, w, 1e-12);
  }

  @Test
  void withoutRidgeRecoversExactLinearWeights() {
    SplittableRandom rng = new SplittableRandom(3);
    int samples = 40;
    int features = 6;
    int outputs = 2;
    double[] x = new double[samples * features];
    double[] truth = new double[features * outputs];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    for (int i = 0; i < truth.length; i++) {
      truth[i] = rng.nextGaussian();
    }
    double[] y = new double[samples * outputs];
    for (int s = 0; s < samples; s++) {
      for (int k = 0; k < outputs; k++) {
        for (int f = 0; f < features; f++) {
          y[s * outputs + k] += x[s * features + f] * truth[f * outputs + k];
        }
      }
    }
    assertArrayEquals(truth, RidgeRegression.solve(x, samples, features, y, outputs, 0), 1e-10);
  }

  @Test
  void theRelativeRidgeDoesNotDependOnTheFeatureScale() {
    SplittableRandom rng = new SplittableRandom(5);
    double[] x = new double[30 * 8];
    double[] y = new double[30];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextDouble() < 0.3 ? rng.nextDouble() : 0;
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = rng.nextGaussian();
    }
    double[] w = RidgeRegression.solve(x, 30, 8, y, 1, 0.1);
    double[] x4 = x.clone();
    for (int i = 0; i < x4.length; i++) {
      x4[i] *= 4;
    }
    double[] w4 = RidgeRegression.solve(x4, 30, 8, y, 1, 0.1);
    for (int i = 0; i < w4.length; i++) {
      w4[i] *= 4;
    }
    assertArrayEquals(w, w4, 1e-10);
  }

  @Test
  void silentFeaturesWithoutRidgeAreRejected() {
    double[] x = {1, 0, 2, 0, 3, 0};
    assertThrows(IllegalArgumentException.class, () -> RidgeRegression.solve(x, 3, 2, new double[] {1, 2, 3}, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> RidgeRegression.solve(x, 3, 2, new double[] {1, 2}, 1, 0.1));
  }
}
