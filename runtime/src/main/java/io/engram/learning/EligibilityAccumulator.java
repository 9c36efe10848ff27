package io.engram.learning;

import io.engram.snn.NetworkState;
import io.engram.snn.SpikeRaster;
import io.engram.snn.StepObserver;

/**
 * Accumulates {@code sum_t psi_j(t) L_j(t) trace_i(t)} over a trainee trial, for every input and
 * recurrent source i and neuron j, where the traces are {@code xbar_t = alpha xbar_{t-1} + x_t}
 * for inputs and {@code zbar_t = alpha zbar_{t-1} + z_{t-1}} for neurons. Rows whose trace is
 * still zero and columns whose pseudo-derivative or learning signal is zero are skipped.
 */
final class EligibilityAccumulator implements StepObserver {

  private final SpikeRaster input;
  private final double[] learningSignals;
  private final double alpha;
  private final int inputs;
  private final int neurons;
  private final double[] traces;
  private final double[] sum;
  private final double[] weighted;
  private final int[] columns;
  private final int[] active;
  private final int[] lastSpikes;
  private int lastSpikeCount;

  /**
   * @param learningSignals steps x neurons, row-major
   */
  EligibilityAccumulator(SpikeRaster input, int neurons, double[] learningSignals, double alpha) {
    this.input = input;
    this.inputs = input.channels();
    this.neurons = neurons;
    this.learningSignals = learningSignals;
    this.alpha = alpha;
    this.traces = new double[inputs + neurons];
    this.sum = new double[(inputs + neurons) * neurons];
    this.weighted = new double[neurons];
    this.columns = new int[neurons];
    this.active = new int[Math.max(1, inputs)];
    this.lastSpikes = new int[neurons];
  }

  @Override
  public void afterStep(int t, NetworkState state) {
    // Traces at step t: inputs get x_t, neurons get z_{t-1}.
    for (int i = 0; i < traces.length; i++) {
      traces[i] *= alpha;
    }
    int count = input.copyActive(t, active, 0);
    for (int k = 0; k < count; k++) {
      traces[active[k]] += 1.0;
    }
    for (int k = 0; k < lastSpikeCount; k++) {
      traces[inputs + lastSpikes[k]] += 1.0;
    }
    lastSpikeCount = state.spikeCount();
    System.arraycopy(state.spikes(), 0, lastSpikes, 0, lastSpikeCount);

    // Only neurons near threshold have a non-zero pseudo-derivative (about one in eight in the
    // reference trainee): accumulate over those columns only.
    double[] psi = state.pseudoDerivatives();
    int base = t * neurons;
    int nonZero = 0;
    for (int j = 0; j < neurons; j++) {
      double e = psi[j] * learningSignals[base + j];
      if (e != 0.0) {
        columns[nonZero] = j;
        weighted[nonZero++] = e;
      }
    }
    if (nonZero == 0) {
      return;
    }
    for (int i = 0; i < traces.length; i++) {
      double trace = traces[i];
      if (trace == 0.0) {
        continue;
      }
      int row = i * neurons;
      for (int k = 0; k < nonZero; k++) {
        sum[row + columns[k]] += trace * weighted[k];
      }
    }
  }

  /**
   * Scales the accumulated sums by {@code factor} in place and returns them, row-major (inputs +
   * neurons) x neurons. Ends the accumulator's use.
   */
  double[] scaleInPlace(double factor) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] *= factor;
    }
    return sum;
  }
}
