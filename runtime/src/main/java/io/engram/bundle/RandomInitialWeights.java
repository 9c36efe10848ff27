package io.engram.bundle;

import io.engram.config.EngramConfig;
import io.engram.snn.ClockEncoder;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.snn.Trainee;
import io.engram.synapse.FloatSynapticMatrix;
import io.engram.synapse.WeightMatrix;
import java.util.SplittableRandom;

/**
 * Draws the trainee's initial weights without meta-training, for the rules that need no
 * learning-signal generator: every weight N(0, 1) / sqrt(fan-in) (fan-in: the inputs for W_in,
 * the neurons for W_rec and W_out; the recurrent diagonal is 0), then W_in and W_rec scaled by one
 * common gain so that the trainee fires at a target rate on the clock. The gain is found by
 * bisection on the mean rate of one trial; the draws come from one seeded stream, so a seed gives
 * the same weights everywhere.
 */
public final class RandomInitialWeights {

  private static final int BISECTION_STEPS = 40;

  private final NetworkParameters parameters;
  private final ClockEncoder clock;
  private final int steps;

  /**
   * @param steps length of the trial on which the firing rate is measured
   */
  public RandomInitialWeights(NetworkParameters parameters, ClockEncoder clock, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    this.parameters = parameters;
    this.clock = clock;
    this.steps = steps;
  }

  /** The configured trainee, clock and trial length. */
  public static RandomInitialWeights of(EngramConfig config) {
    return new RandomInitialWeights(
        NetworkParameters.trainee(config.network()),
        ClockEncoder.of(config.network().clock()),
        config.control().trialSteps());
  }

  /**
   * Draws the weights with {@code seed} and scales them to {@code targetRateHz}.
   *
   * @throws IllegalArgumentException if no gain up to 2^20 reaches the rate
   */
  public MetaParameters draw(long seed, double targetRateHz) {
    if (!(targetRateHz > 0) || Double.isInfinite(targetRateHz)) {
      throw new IllegalArgumentException("target rate must be positive, got " + targetRateHz);
    }
    NetworkShape s = parameters.shape();
    SplittableRandom rng = new SplittableRandom(seed);
    double[] in = gaussian(rng, s.inputs(), s.neurons(), s.inputs());
    double[] rec = gaussian(rng, s.neurons(), s.neurons(), s.neurons());
    for (int i = 0; i < s.neurons(); i++) {
      rec[i * s.neurons() + i] = 0.0;
    }
    double[] out = gaussian(rng, s.neurons(), s.readouts(), s.neurons());
    WeightMatrix readout = WeightMatrix.of(s.neurons(), s.readouts(), out);
    Trainee probe =
        Trainee.create(
            parameters,
            new FloatSynapticMatrix(s.synapticRows(), s.neurons()),
            WeightMatrix.zeros(s.inputs(), s.neurons()),
            WeightMatrix.zeros(s.neurons(), s.neurons()),
            readout,
            clock);
    double high = 1;
    while (rate(probe, in, rec, high) < targetRateHz) {
      high *= 2;
      if (high > (1 << 20)) {
        throw new IllegalArgumentException(
            "no gain reaches " + targetRateHz + " Hz: the clock drives too few spikes");
      }
    }
    double low = 0;
    for (int i = 0; i < BISECTION_STEPS; i++) {
      double mid = 0.5 * (low + high);
      if (rate(probe, in, rec, mid) < targetRateHz) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return MetaParameters.traineeOnly(
        scaled(s.inputs(), s.neurons(), in, high), scaled(s.neurons(), s.neurons(), rec, high), readout);
  }

  private double rate(Trainee probe, double[] in, double[] rec, double gain) {
    NetworkShape s = parameters.shape();
    probe.network().program(scaled(s.inputs(), s.neurons(), in, gain), scaled(s.neurons(), s.neurons(), rec, gain));
    return probe.run(steps, null).firingRateHz();
  }

  private static WeightMatrix scaled(int rows, int columns, double[] w, double gain) {
    double[] v = w.clone();
    for (int i = 0; i < v.length; i++) {
      v[i] *= gain;
    }
    return WeightMatrix.of(rows, columns, v);
  }

  private static double[] gaussian(SplittableRandom rng, int rows, int columns, int fanIn) {
    double sd = 1.0 / Math.sqrt(Math.max(1, fanIn));
    double[] w = new double[rows * columns];
    for (int i = 0; i < w.length; i++) {
      w[i] = sd * rng.nextGaussian();
    }
    return w;
  }
}
