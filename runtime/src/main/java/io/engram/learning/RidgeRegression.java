package io.engram.learning;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Ridge regression: the weights W (features x outputs) minimising {@code |X W - Y|^2 + lambda
 * |W|^2}, from the normal equations {@code (X^T X + lambda I) W = X^T Y} solved by Cholesky.
 *
 * <p>The ridge parameter is given relative to the data: {@code lambda = relativeRidge * tr(X^T
 * X) / features}, the relative ridge times the mean squared norm of a feature column. The solution
 * then does not change when every feature is scaled by a common factor (for example a higher
 * firing rate), and {@code relativeRidge} reads as the fraction of an average feature's energy
 * added to every diagonal entry.
 */
public final class RidgeRegression {

  private RidgeRegression() {}

  /**
   * Solves the regression.
   *
   * @param x samples x features, row-major
   * @param y samples x outputs, row-major
   * @param relativeRidge the ridge relative to the mean diagonal of {@code X^T X}; 0 gives least
   *     squares and needs {@code X^T X} to be positive definite
   * @return features x outputs, row-major
   * @throws IllegalArgumentException if the system is singular (no ridge and dependent features,
   *     or no activity at all)
   */
  public static double[] solve(double[] x, int samples, int features, double[] y, int outputs, double relativeRidge) {
    if (x.length != (long) samples * features || y.length != (long) samples * outputs) {
      throw new IllegalArgumentException("ridge regression: array sizes do not match");
    }
    if (!(relativeRidge >= 0) || Double.isInfinite(relativeRidge)) {
      throw new IllegalArgumentException("ridge must be finite and >= 0, got " + relativeRidge);
    }
    double[][] gram = new double[features][features];
    double[][] rhs = new double[features][outputs];
    for (int s = 0; s < samples; s++) {
      int row = s * features;
      for (int i = 0; i < features; i++) {
        double xi = x[row + i];
        if (xi == 0.0) {
          continue;
        }
        double[] g = gram[i];
        for (int j = i; j < features; j++) {
          g[j] += xi * x[row + j];
        }
        for (int k = 0; k < outputs; k++) {
          rhs[i][k] += xi * y[s * outputs + k];
        }
      }
    }
    double trace = 0;
    for (int i = 0; i < features; i++) {
      trace += gram[i][i];
      for (int j = 0; j < i; j++) {
        gram[i][j] = gram[j][i];
      }
    }
    double lambda = relativeRidge * trace / features;
    for (int i = 0; i < features; i++) {
      gram[i][i] += lambda;
    }
    DecompositionSolver solver;
    try {
      solver = new CholeskyDecomposition(new Array2DRowRealMatrix(gram, false)).getSolver();
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new IllegalArgumentException(
          "ridge regression: the Gram matrix is singular (silent features or ridge 0)", e);
    }
    RealMatrix w = solver.solve(new Array2DRowRealMatrix(rhs, false));
    double[] out = new double[features * outputs];
    for (int i = 0; i < features; i++) {
      for (int k = 0; k < outputs; k++) {
        out[i * outputs + k] = w.getEntry(i, k);
      }
    }
    return out;
  }
}
