package io.engram.learning;

import io.engram.config.EpropConfig;
import io.engram.config.EpropFeedback;
import io.engram.snn.NetworkShape;
import io.engram.snn.SpikeRaster;
import io.engram.snn.SpikingNetwork;
import io.engram.snn.Trainee;
import io.engram.snn.TrialRecord;
import io.engram.synapse.WeightMatrix;
import io.engram.task.MotionTask;
import java.util.SplittableRandom;

/**
 * Classic e-prop (Bellec et al. 2020) over K trials of one demonstration. After each trial, with
 * the output error {@code e_k(t) = y_k(t) - y*_k(t)} and the loss {@code E = 1/(2T) sum_t sum_k
 * e_k(t)^2 + c/2 sum_j (f_j - f0)^2} (f_j: spikes per step of neuron j):
 *
 * <pre>
 *   L_j(t)       = sum_k B_jk e_k(t) / T                    learning signal
 *   dE/dW[i][j]  = sum_t ebar_ij(t) L_j(t) + c (f_j - f0)/T sum_t e_ij(t)
 *   e_ij(t)      = psi_j(t) trace_i(t)                      eligibility trace (xbar or zbar)
 *   ebar_ij(t)   = kappa ebar_ij(t-1) + e_ij(t)             filtered with the readout's kappa
 *   dE/dW_out[j][k] = sum_t zf_j(t) e_k(t) / T              zf: kappa-filtered spikes
 * </pre>
 *
 * B is W_out (symmetric feedback: the gradient with the paths through recurrent spikes and resets
 * stopped, as Bellec et al. show) or a fixed random matrix. The sum over the filtered traces is
 * computed as {@code sum_t e_ij(t) Lbar_j(t)} with the learning signal filtered backwards, {@code
 * Lbar_j(t) = L_j(t) + kappa Lbar_j(t+1)}: the same sum. Gradient descent or Adam then changes
 * W_in, W_rec (through the synaptic matrix, so a crossbar reprograms the devices that change) and
 * W_out (in software, or on the network's readout array).
 */
public final class Eprop implements InnerLoopRule {

  private final EpropConfig config;

  public Eprop(EpropConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "eprop";
  }

  public EpropConfig config() {
    return config;
  }

  /** The feedback weights (neurons x readouts) for a network: W_out, or the seeded random matrix. */
  public WeightMatrix feedback(SpikingNetwork network) {
    if (config.feedback() == EpropFeedback.SYMMETRIC) {
      return network.readoutWeights();
    }
    NetworkShape s = network.shape();
    SplittableRandom rng = new SplittableRandom(config.feedbackSeed());
    double[] b = new double[s.neurons() * s.readouts()];
    double sd = 1.0 / Math.sqrt(s.neurons());
    for (int i = 0; i < b.length; i++) {
      b[i] = sd * rng.nextGaussian();
    }
    return WeightMatrix.of(s.neurons(), s.readouts(), b);
  }

  /** Runs one trial of the trainee and returns the e-prop gradient for the demonstration. */
  public EpropGradient gradient(Trainee trainee, MotionTask demonstration) {
    return gradient(trainee, demonstration, feedback(trainee.network()));
  }

  private EpropGradient gradient(Trainee trainee, MotionTask demonstration, WeightMatrix feedback) {
    SpikingNetwork network = trainee.network();
    NetworkShape s = network.shape();
    int n = s.neurons();
    int m = s.readouts();
    int rows = s.synapticRows();
    int steps = demonstration.steps();
    if (demonstration.joints() != m) {
      throw new IllegalArgumentException(
          "the demonstration drives " + demonstration.joints() + " joints, the trainee has " + m + " readouts");
    }
    SpikeRaster clock = trainee.input(steps);
    EpropRecorder rec =
        new EpropRecorder(clock, n, network.parameters().neurons().alpha(), network.parameters().neurons().kappa());
    TrialRecord trial = trainee.run(steps, rec);
    double kappa = network.parameters().neurons().kappa();
    double dtMs = network.parameters().neurons().dtMs();

    // Output error and loss.
    double[] error = new double[steps * m];
    double loss = 0;
    for (int t = 0; t < steps; t++) {
      for (int k = 0; k < m; k++) {
        double e = trial.output(t, k) - demonstration.omega(t, k);
        error[t * m + k] = e;
        loss += 0.5 * e * e / steps;
      }
    }
    // Rate regulariser: a constant learning signal per neuron.
    double f0 = config.targetRateHz() * dtMs / 1000.0;
    double c = config.rateRegularisation();
    double[] regular = new double[n];
    for (int j = 0; j < n; j++) {
      double f = rec.spikes(j) / (double) steps;
      loss += 0.5 * c * (f - f0) * (f - f0);
      regular[j] = c * (f - f0) / steps;
    }

    // Learning signals filtered backwards, plus the regulariser, times psi.
    double[] b = feedback.toArray();
    double[] psi = rec.psi();
    double[] weighted = new double[steps * n];
    double[] lbar = new double[n];
    for (int t = steps - 1; t >= 0; t--) {
      for (int j = 0; j < n; j++) {
        double l = 0;
        for (int k = 0; k < m; k++) {
          l += b[j * m + k] * error[t * m + k];
        }
        lbar[j] = l / steps + kappa * lbar[j];
        weighted[t * n + j] = psi[t * n + j] * (lbar[j] + regular[j]);
      }
    }

    // dE/dW[i][j] = sum_t trace_i(t) weighted_j(t), over the non-zero entries.
    double[] traces = rec.traces();
    double[] synaptic = new double[rows * n];
    int[] columns = new int[n];
    for (int t = 0; t < steps; t++) {
      int nonZero = 0;
      for (int j = 0; j < n; j++) {
        if (weighted[t * n + j] != 0.0) {
          columns[nonZero++] = j;
        }
      }
      if (nonZero == 0) {
        continue;
      }
      for (int i = 0; i < rows; i++) {
        double trace = traces[t * rows + i];
        if (trace == 0.0) {
          continue;
        }
        int row = i * n;
        for (int q = 0; q < nonZero; q++) {
          int j = columns[q];
          synaptic[row + j] += trace * weighted[t * n + j];
        }
      }
    }

    // dE/dW_out[j][k] = sum_t zf_j(t) e_k(t) / T.
    double[] zf = rec.filteredSpikes();
    double[] readout = new double[n * m];
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < n; j++) {
        double z = zf[t * n + j];
        if (z == 0.0) {
          continue;
        }
        for (int k = 0; k < m; k++) {
          readout[j * m + k] += z * error[t * m + k] / steps;
        }
      }
    }
    return new EpropGradient(
        WeightMatrix.of(rows, n, synaptic), WeightMatrix.of(n, m, readout), loss, trial.firingRateHz());
  }

  @Override
  public Adaptation adapt(Trainee trainee, MotionTask demonstration) {
    SpikingNetwork network = trainee.network();
    NetworkShape s = network.shape();
    WeightMatrix randomFeedback =
        config.feedback() == EpropFeedback.RANDOM ? feedback(network) : null;
    GradientStep synapticStep =
        new GradientStep(config.optimizer(), config.learningRate(), s.synapticRows() * s.neurons());
    GradientStep readoutStep =
        new GradientStep(config.optimizer(), config.learningRate(), s.neurons() * s.readouts());
    long written = 0;
    for (int trial = 0; trial < config.trials(); trial++) {
      WeightMatrix b = randomFeedback != null ? randomFeedback : network.readoutWeights();
      EpropGradient g = gradient(trainee, demonstration, b);
      written += network.update(WeightMatrix.of(s.synapticRows(), s.neurons(), synapticStep.delta(g.synaptic().toArray())));
      double[] out = network.readoutWeights().toArray();
      double[] d = readoutStep.delta(g.readout().toArray());
      for (int i = 0; i < out.length; i++) {
        out[i] += d[i];
      }
      written += network.setReadoutWeights(WeightMatrix.of(s.neurons(), s.readouts(), out));
    }
    return new Adaptation(name(), written, config.trials(), Double.NaN);
  }
}
