package io.engram.metatraining;

import io.engram.snn.NetworkShape;
import java.util.SplittableRandom;

/**
 * A trainee whose neurons tile the trial in time: each neuron listens to one clock channel (its
 * slot) with a drive drawn from {@code [minDrive, maxDrive)} (a larger drive makes it fire earlier
 * in its slot) and is silenced by the next slot's channel, so every neuron fires a short burst at
 * its own time. There are no recurrent weights to start with: the one-shot update writes them,
 * from neurons active earlier in a burst to those eligible at the time. Readout weights come in
 * pairs of opposite sign on neurons with identical inputs, so the output before learning is zero
 * and a learning signal raises one neuron of a pair while it lowers the other.
 *
 * <p>With such a trainee each neuron's contribution to the output is a bump at its own time,
 * which makes the learning signals a one-shot update needs local in time (see {@link
 * CoefficientReadoutFit}).
 *
 * @param minDrive smallest input weight from the neuron's own slot
 * @param maxDrive largest input weight from the neuron's own slot
 * @param offWeight input weight from the next slot's channel (negative)
 * @param readoutScale standard deviation of the readout weights
 */
public record TemporalBasisTrainee(double minDrive, double maxDrive, double offWeight, double readoutScale) {

  /** Drives that give one to five spikes per burst at the trainee's threshold of 0.6. */
  public static TemporalBasisTrainee standard() {
    return new TemporalBasisTrainee(0.25, 0.9, -1.0, 0.05);
  }

  /** Writes the trainee's input, recurrent (zero) and readout weights into {@code w}. */
  public void writeInto(MetaWeights w, long seed) {
    NetworkShape s = w.layout().trainee();
    int n = s.neurons();
    int channels = s.inputs();
    int joints = s.readouts();
    SplittableRandom rng = new SplittableRandom(seed);
    int[] slot = new int[n];
    for (int j = 0; j < n; j++) {
      slot[j] = j % channels;
    }
    for (int j = n - 1; j > 0; j--) {
      int k = rng.nextInt(j + 1);
      int t = slot[j];
      slot[j] = slot[k];
      slot[k] = t;
    }
    double[] in = w.block(MetaWeights.IN);
    double[] rec = w.block(MetaWeights.REC);
    double[] out = w.block(MetaWeights.OUT);
    java.util.Arrays.fill(in, 0.0);
    java.util.Arrays.fill(rec, 0.0);
    java.util.Arrays.fill(out, 0.0);
    for (int j = 0; j < n; j++) {
      in[slot[j] * n + j] = minDrive + (maxDrive - minDrive) * rng.nextDouble();
      if (slot[j] + 1 < channels) {
        in[(slot[j] + 1) * n + j] = offWeight;
      }
      for (int k = 0; k < joints; k++) {
        out[j * joints + k] = readoutScale * rng.nextGaussian();
      }
    }
    // Pairs: neuron j+1 copies neuron j's inputs, with the opposite readout.
    for (int j = 0; j + 1 < n; j += 2) {
      for (int c = 0; c < channels; c++) {
        in[c * n + j + 1] = in[c * n + j];
      }
      for (int k = 0; k < joints; k++) {
        out[(j + 1) * joints + k] = -out[j * joints + k];
      }
    }
  }
}
