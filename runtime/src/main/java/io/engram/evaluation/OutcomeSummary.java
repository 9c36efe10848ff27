package io.engram.evaluation;

import java.util.List;

/**
 * Means (and standard deviations of the end-effector errors) over a set of task outcomes.
 *
 * @param tasks number of tasks summarised
 * @param eeBeforeCm mean end-effector error before adaptation (cm)
 * @param eeBeforeStdCm its standard deviation over tasks (population)
 * @param eeAfterCm mean end-effector error after adaptation (cm)
 * @param eeAfterStdCm its standard deviation over tasks (population)
 * @param rmseBefore mean omega RMSE per joint before (rad/s)
 * @param rmseAfter mean omega RMSE per joint after (rad/s)
 * @param lossBefore mean loss before
 * @param lossAfter mean loss after
 * @param rateBeforeHz mean trainee firing rate before (Hz)
 * @param rateAfterHz mean trainee firing rate after (Hz)
 */
public record OutcomeSummary(
    int tasks,
    double eeBeforeCm,
    double eeBeforeStdCm,
    double eeAfterCm,
    double eeAfterStdCm,
    double[] rmseBefore,
    double[] rmseAfter,
    double lossBefore,
    double lossAfter,
    double rateBeforeHz,
    double rateAfterHz) {

  /** Summarises outcomes; every value is NaN when the list is empty. */
  public static OutcomeSummary of(List<TaskOutcome> outcomes) {
    int n = outcomes.size();
    int joints = n == 0 ? 0 : outcomes.get(0).task().joints();
    double[] eeB = new double[n];
    double[] eeA = new double[n];
    double[] rmseB = new double[joints];
    double[] rmseA = new double[joints];
    double lossB = 0;
    double lossA = 0;
    double rateB = 0;
    double rateA = 0;
    for (int i = 0; i < n; i++) {
      TaskOutcome o = outcomes.get(i);
      eeB[i] = o.before().endEffectorErrorCm();
      eeA[i] = o.after().endEffectorErrorCm();
      double[] rb = o.before().omegaRmse();
      double[] ra = o.after().omegaRmse();
      for (int k = 0; k < joints; k++) {
        rmseB[k] += rb[k] / n;
        rmseA[k] += ra[k] / n;
      }
      lossB += o.before().loss() / n;
      lossA += o.after().loss() / n;
      rateB += o.rateBeforeHz() / n;
      rateA += o.rateAfterHz() / n;
    }
    if (n == 0) {
      lossB = lossA = rateB = rateA = Double.NaN;
    }
    return new OutcomeSummary(
        n, mean(eeB), std(eeB), mean(eeA), std(eeA), rmseB, rmseA, lossB, lossA, rateB, rateA);
  }

  private static double mean(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double std(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return x.length == 0 ? Double.NaN : Math.sqrt(s / x.length);
  }

  @Override
  public double[] rmseBefore() {
    return rmseBefore.clone();
  }

  @Override
  public double[] rmseAfter() {
    return rmseAfter.clone();
  }
}
