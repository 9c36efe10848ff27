package io.engram.metatraining;

import io.engram.snn.NetworkShape;
import java.util.SplittableRandom;

/**
 * An LSG whose neurons encode the target trajectory as a population code: each neuron reads the
 * high bits of x, y and z with weights proportional to their place value (so its input current is
 * a linear function of the target position), along a random horizontal direction and with a
 * random weight on z, plus a random bias carried by z's most significant bit (set for every
 * target below 1 m). Clock weights and recurrent weights are random. A linear readout of such a
 * network recovers the target position and, through its fading memory, part of its velocity.
 *
 * @param gain scale of the position weights
 * @param biasSd standard deviation of the bias
 * @param clockSd standard deviation of the clock weights
 * @param recurrentGain standard deviation of the recurrent weights times sqrt(neurons)
 * @param lowestBit the lowest target bit read (bits below it are left at zero)
 */
public record PopulationCodedLsg(double gain, double biasSd, double clockSd, double recurrentGain, int lowestBit) {

  public static PopulationCodedLsg standard() {
    return new PopulationCodedLsg(0.3, 0.1, 0.3, 0.5, 8);
  }

  /** Writes the LSG's input and recurrent weights into {@code w} (its readout is left alone). */
  public void writeInto(MetaWeights w, int clockChannels, int bitsPerCoordinate, long seed) {
    NetworkShape s = w.layout().lsg();
    int n = s.neurons();
    if (s.inputs() != clockChannels + 3 * bitsPerCoordinate) {
      throw new IllegalArgumentException("the LSG must read the clock and three coordinates");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] in = w.block(MetaWeights.LSG_IN);
    double[] rec = w.block(MetaWeights.LSG_REC);
    java.util.Arrays.fill(in, 0.0);
    int top = bitsPerCoordinate - 1;
    int zTop = clockChannels + 2 * bitsPerCoordinate + top;
    for (int m = 0; m < n; m++) {
      double phi = 2 * Math.PI * rng.nextDouble();
      double cx = Math.cos(phi);
      double cy = Math.sin(phi);
      double cz = 0.7 * rng.nextGaussian();
      for (int k = lowestBit; k <= top; k++) {
        double place = Math.pow(2, k - top);
        in[(clockChannels + k) * n + m] = gain * cx * place;
        in[(clockChannels + bitsPerCoordinate + k) * n + m] = gain * cy * place;
        in[(clockChannels + 2 * bitsPerCoordinate + k) * n + m] = gain * cz * place;
      }
      // x and y are offset by 1 m in the encoding: cancel that through z's top bit, plus a bias.
      in[zTop * n + m] += -gain * (cx + cy) + biasSd * rng.nextGaussian();
    }
    for (int c = 0; c < clockChannels; c++) {
      for (int m = 0; m < n; m++) {
        in[c * n + m] = clockSd * rng.nextGaussian();
      }
    }
    double sd = recurrentGain / Math.sqrt(n);
    for (int i = 0; i < rec.length; i++) {
      rec[i] = sd * rng.nextGaussian();
    }
  }
}
