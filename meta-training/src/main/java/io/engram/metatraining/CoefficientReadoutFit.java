package io.engram.metatraining;

import io.engram.learning.RidgeRegression;
import io.engram.snn.NetworkShape;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits the LSG readout in closed form, for a trainee whose neurons each act at their own time
 * ({@link TemporalBasisTrainee}), in three steps on the spiking inner loop itself:
 *
 * <ol>
 *   <li>Bumps: for each trainee neuron j, the change of the test-trial output when its learning
 *       signal is a constant {@code s} over the trial and every other signal is zero, divided by
 *       {@code s}: the rows of a linear model {@code D} (neurons x steps*joints) of what a
 *       coefficient per neuron does.
 *   <li>Coefficients: for each of a set of sampled tasks, the per-neuron constants {@code c} whose
 *       update brings the output to the target, by damped Gauss-Newton steps on the real
 *       (spiking) inner loop: {@code c += (D D^T + r I)^-1 D (omega* - omega(c))}.
 *   <li>Readout: for each trainee neuron, a ridge regression of its coefficient on the LSG's
 *       kappa-filtered spikes averaged over the neuron's eligibility window (weights {@code
 *       psi_j(t) sum_i |trace_i(t)|}, the factors the update multiplies the signal with).
 * </ol>
 *
 * The result is a starting point for gradient meta-training, not a replacement for it.
 */
public final class CoefficientReadoutFit {

  private static final Logger LOG = LoggerFactory.getLogger(CoefficientReadoutFit.class);

  /**
   * @param tasks sampled tasks the coefficients and the readout are fitted on
   * @param iterations Gauss-Newton steps per task
   * @param bumpSignal the constant signal of the bump measurement
   * @param coefficientRidge the ridge {@code r} of the Gauss-Newton steps
   * @param readoutRidge the readout regression's ridge, relative to the mean diagonal
   */
  public record Settings(int tasks, int iterations, double bumpSignal, double coefficientRidge, double readoutRidge) {

    public Settings {
      if (tasks < 1 || iterations < 1 || !(bumpSignal > 0) || !(coefficientRidge > 0) || !(readoutRidge >= 0)) {
        throw new IllegalArgumentException("invalid readout fit settings");
      }
    }

    public static Settings standard(int tasks) {
      return new Settings(tasks, 6, 20.0, 1e-2, 1e-3);
    }
  }

  /**
   * What a fit produced.
   *
   * @param weights the input weights with the fitted LSG readout
   * @param constantsEeCm mean end-effector error (cm) on the fit tasks after one update with the
   *     per-neuron constants themselves (what a perfect readout would give)
   * @param constantsEeNonClippedCm the same on the non-clipped fit tasks
   */
  public record Result(MetaWeights weights, double constantsEeCm, double constantsEeNonClippedCm) {}

  private final InnerLoopModel model;
  private final DifferentiableNetwork trainee;
  private final DifferentiableNetwork lsg;
  private final ArmModel arm;
  private final ExecutorService pool;

  public CoefficientReadoutFit(
      InnerLoopModel model, DifferentiableNetwork trainee, DifferentiableNetwork lsg, ArmModel arm, ExecutorService pool) {
    this.model = model;
    this.trainee = trainee;
    this.lsg = lsg;
    this.arm = arm;
    this.pool = pool;
  }

  /** Fits; the result holds a copy of {@code w} with the fitted LSG readout, the rest kept. */
  public Result fit(MetaWeights w, List<MotionTask> tasks, Settings settings) throws InterruptedException {
    NetworkShape ts = trainee.shape();
    int n = ts.neurons();
    int joints = ts.readouts();
    int steps = tasks.get(0).steps();
    InnerLoopModel.TrainingTrial tt = model.trainingTrial(w);
    double[] before = model.adaptedOutput(w, tt, new double[steps * n]);
    // 1. Bumps.
    double s = settings.bumpSignal();
    double[][] bumps = new double[n][];
    List<Callable<Void>> jobs = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      final int jj = j;
      jobs.add(() -> {
        double[] signals = new double[steps * n];
        for (int t = 0; t < steps; t++) {
          signals[t * n + jj] = s;
        }
        double[] out = model.adaptedOutput(w, tt, signals);
        double[] b = new double[steps * joints];
        for (int i = 0; i < b.length; i++) {
          b[i] = (out[i] - before[i]) / s;
        }
        bumps[jj] = b;
        return null;
      });
    }
    runAll(jobs);
    double[][] gram = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double g = 0;
        for (int k = 0; k < steps * joints; k++) {
          g += bumps[i][k] * bumps[j][k];
        }
        gram[i][j] = g;
        gram[j][i] = g;
      }
      gram[i][i] += settings.coefficientRidge();
    }
    RealMatrix inverse = new CholeskyDecomposition(new Array2DRowRealMatrix(gram, false)).getSolver().getInverse();
    double[][] step = inverse.getData();
    // 2. Coefficients per task.
    int m = tasks.size();
    double[][] coefficients = new double[m][];
    double[] eeCm = new double[m];
    jobs.clear();
    for (int k = 0; k < m; k++) {
      final int kk = k;
      jobs.add(() -> {
        MotionTask task = tasks.get(kk);
        double[] c = new double[n];
        double[] signals = new double[steps * n];
        double[] out = before;
        double[] projected = new double[n];
        for (int it = 0; it < settings.iterations(); it++) {
          for (int j = 0; j < n; j++) {
            double p = 0;
            for (int i = 0; i < steps * joints; i++) {
              p += bumps[j][i] * (task.omega()[i] - out[i]);
            }
            projected[j] = p;
          }
          for (int j = 0; j < n; j++) {
            double d = 0;
            for (int i = 0; i < n; i++) {
              d += step[j][i] * projected[i];
            }
            c[j] += d;
          }
          for (int t = 0; t < steps; t++) {
            System.arraycopy(c, 0, signals, t * n, n);
          }
          out = model.adaptedOutput(w, tt, signals);
        }
        coefficients[kk] = c;
        eeCm[kk] = endEffectorErrorCm(task, out);
        return null;
      });
    }
    runAll(jobs);
    double constantsAll = mean(eeCm, tasks, false);
    double constantsNonClipped = mean(eeCm, tasks, true);
    LOG.info(String.format(Locale.ROOT,
        "readout fit: per-neuron constants reach %.2f cm on %d fit tasks (%.2f cm on the non-clipped)",
        constantsAll, m, constantsNonClipped));
    // 3. Window-averaged LSG features and the readout regression.
    double[] window = windows(tt, n, steps);
    int lsgN = lsg.shape().neurons();
    float[][] features = new float[m][];
    jobs.clear();
    MetaWeights ww = w;
    for (int k = 0; k < m; k++) {
      final int kk = k;
      jobs.add(() -> {
        features[kk] = windowFeatures(ww, tasks.get(kk), window, n, steps, lsgN);
        return null;
      });
    }
    runAll(jobs);
    MetaWeights result = w.copy();
    double[] readout = result.block(MetaWeights.LSG_OUT);
    java.util.Arrays.fill(readout, 0.0);
    jobs.clear();
    for (int j = 0; j < n; j++) {
      final int jj = j;
      jobs.add(() -> {
        double[] x = new double[m * lsgN];
        double[] y = new double[m];
        double any = 0;
        for (int k = 0; k < m; k++) {
          for (int f = 0; f < lsgN; f++) {
            x[k * lsgN + f] = features[k][jj * lsgN + f];
            any += Math.abs(x[k * lsgN + f]);
          }
          y[k] = coefficients[k][jj];
        }
        if (any == 0) {
          return null; // never eligible: its signal does not matter
        }
        double[] a = RidgeRegression.solve(x, m, lsgN, y, 1, Math.max(settings.readoutRidge(), 1e-9));
        for (int f = 0; f < lsgN; f++) {
          readout[f * n + jj] = a[f];
        }
        return null;
      });
    }
    runAll(jobs);
    return new Result(result, constantsAll, constantsNonClipped);
  }

  /** Per trainee neuron, the normalised weights of the signal in its update: steps x neurons. */
  private static double[] windows(InnerLoopModel.TrainingTrial tt, int n, int steps) {
    int rows = tt.traces().length / steps;
    double[] wts = new double[steps * n];
    double[] sum = new double[n];
    for (int t = 0; t < steps; t++) {
      double traces = 0;
      for (int r = 0; r < rows; r++) {
        traces += Math.abs(tt.traces()[t * rows + r]);
      }
      for (int j = 0; j < n; j++) {
        double v = tt.psi()[t * n + j] * traces;
        wts[t * n + j] = v;
        sum[j] += v;
      }
    }
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < n; j++) {
        if (sum[j] > 0) {
          wts[t * n + j] /= sum[j];
        }
      }
    }
    return wts;
  }

  /** The LSG's kappa-filtered spikes for a task, averaged over each trainee neuron's window. */
  private float[] windowFeatures(MetaWeights w, MotionTask task, double[] window, int n, int steps, int lsgN) {
    Trajectory lt = lsg.forward(w.block(MetaWeights.LSG_IN), w.block(MetaWeights.LSG_REC),
        new double[lsgN * n], model.lsgInput(task));
    double kappa = lsg.neurons().kappa();
    double[] filtered = new double[lsgN];
    double[] acc = new double[n * lsgN];
    for (int t = 0; t < steps; t++) {
      for (int f = 0; f < lsgN; f++) {
        filtered[f] = kappa * filtered[f] + lt.z()[t * lsgN + f];
      }
      for (int j = 0; j < n; j++) {
        double wt = window[t * n + j];
        if (wt != 0) {
          int base = j * lsgN;
          for (int f = 0; f < lsgN; f++) {
            acc[base + f] += wt * filtered[f];
          }
        }
      }
    }
    float[] out = new float[acc.length];
    for (int i = 0; i < acc.length; i++) {
      out[i] = (float) acc[i];
    }
    return out;
  }

  private double endEffectorErrorCm(MotionTask task, double[] omega) {
    int steps = task.steps();
    double[] xyz = arm.endEffector(arm.integrate(omega, steps), steps);
    double sum = 0;
    for (int t = 0; t < steps; t++) {
      double d2 = 0;
      for (int c = 0; c < 3; c++) {
        double d = xyz[t * 3 + c] - task.xyz()[t * 3 + c];
        d2 += d * d;
      }
      sum += Math.sqrt(d2);
    }
    return 100 * sum / steps;
  }

  private static double mean(double[] v, List<MotionTask> tasks, boolean nonClippedOnly) {
    double sum = 0;
    int count = 0;
    for (int k = 0; k < v.length; k++) {
      if (!nonClippedOnly || !tasks.get(k).clipped()) {
        sum += v[k];
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private void runAll(List<Callable<Void>> jobs) throws InterruptedException {
    for (Future<Void> f : pool.invokeAll(jobs)) {
      try {
        f.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("readout fit failed", e.getCause());
      }
    }
  }
}
