package io.engram.learning;

import io.engram.snn.TrialRecord;
import io.engram.synapse.WeightMatrix;

/**
 * One natural e-prop update before it is written: the weight change of the stacked input and
 * recurrent weights ((inputs + neurons) x neurons, [from][to], diagonal included, already
 * rounded when a quantum is set), the learning signals that drove it and the training trial.
 */
public record EpropUpdate(WeightMatrix delta, int inputs, TrialRecord learningSignals, TrialRecord trainingTrial) {

  /** The change of the input weights W_in (inputs x neurons). */
  public WeightMatrix inputDelta() {
    return rowsOf(0, inputs);
  }

  /** The change of the recurrent weights W_rec (neurons x neurons), diagonal included. */
  public WeightMatrix recurrentDelta() {
    return rowsOf(inputs, delta.rows() - inputs);
  }

  private WeightMatrix rowsOf(int from, int count) {
    int n = delta.columns();
    double[] all = delta.toArray();
    double[] part = new double[count * n];
    System.arraycopy(all, from * n, part, 0, part.length);
    return WeightMatrix.of(count, n, part);
  }
}
