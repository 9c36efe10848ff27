package io.engram.metatraining;

import io.engram.bundle.BundleLayout;
import io.engram.snn.NetworkShape;
import io.engram.snn.SpikeRaster;
import java.util.SplittableRandom;

/**
 * Random initial meta-parameters whose networks start at their target firing rates: Gaussian
 * weights N(0, 1/fan-in), with the input weights' scale found by bisection so that the trainee
 * (on the clock) and the LSG (on clock and a task's target bits) fire at the requested mean rate.
 * The trainee's readout starts small (its output near zero), the LSG's at a given scale. Seeded: the same seed gives the same weights.
 */
public final class Initialisation {

  private Initialisation() {}

  /**
   * @param recurrentGain standard deviation of recurrent weights times sqrt(neurons)
   * @param lsgReadoutScale standard deviation of the LSG readout times sqrt(LSG neurons)
   */
  public static MetaWeights random(
      InnerLoopModel model,
      DifferentiableNetwork trainee,
      DifferentiableNetwork lsg,
      SpikeRaster traineeInput,
      SpikeRaster lsgInput,
      double traineeRateHz,
      double lsgRateHz,
      double recurrentGain,
      double lsgReadoutScale,
      long seed) {
    BundleLayout layout = model.layout();
    MetaWeights w = MetaWeights.zeros(layout);
    SplittableRandom rng = new SplittableRandom(seed);
    NetworkShape t = layout.trainee();
    NetworkShape l = layout.lsg();
    gaussian(w.block(MetaWeights.IN), 1.0 / Math.sqrt(t.inputs()), rng);
    gaussian(w.block(MetaWeights.REC), recurrentGain / Math.sqrt(t.neurons()), rng);
    gaussian(w.block(MetaWeights.OUT), 0.3 / Math.sqrt(t.neurons()), rng);
    gaussian(w.block(MetaWeights.LSG_IN), 1.0 / Math.sqrt(l.inputs()), rng);
    gaussian(w.block(MetaWeights.LSG_REC), recurrentGain / Math.sqrt(l.neurons()), rng);
    gaussian(w.block(MetaWeights.LSG_OUT), lsgReadoutScale / Math.sqrt(l.neurons()), rng);
    calibrate(trainee, w.block(MetaWeights.IN), w.block(MetaWeights.REC), w.block(MetaWeights.OUT),
        traineeInput, traineeRateHz);
    calibrate(lsg, w.block(MetaWeights.LSG_IN), w.block(MetaWeights.LSG_REC), w.block(MetaWeights.LSG_OUT),
        lsgInput, lsgRateHz);
    return w;
  }

  /** Mean firing rate (Hz) of a network on an input. */
  public static double rateHz(DifferentiableNetwork net, double[] in, double[] rec, double[] out, SpikeRaster input) {
    Trajectory tr = net.forward(in, rec, out, input);
    double sum = 0;
    for (double z : tr.z()) {
      sum += z;
    }
    return sum / (tr.steps() * (double) net.shape().neurons()) * 1000.0 / net.neurons().dtMs();
  }

  /** Scales {@code in} (in place) so the network's mean rate is close to {@code targetHz}. */
  static void calibrate(DifferentiableNetwork net, double[] in, double[] rec, double[] out,
      SpikeRaster input, double targetHz) {
    double[] base = in.clone();
    double lo = 0;
    double hi = 1;
    double[] trial = new double[in.length];
    while (hi < 1e3 && rateHz(net, scaled(base, hi, trial), rec, out, input) < targetHz) {
      lo = hi;
      hi *= 2;
    }
    for (int k = 0; k < 30; k++) {
      double mid = 0.5 * (lo + hi);
      if (rateHz(net, scaled(base, mid, trial), rec, out, input) < targetHz) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    scaled(base, 0.5 * (lo + hi), in);
  }

  private static double[] scaled(double[] base, double s, double[] out) {
    for (int i = 0; i < base.length; i++) {
      out[i] = base[i] * s;
    }
    return out;
  }

  private static void gaussian(double[] a, double sd, SplittableRandom rng) {
    for (int i = 0; i < a.length; i++) {
      a[i] = sd * rng.nextGaussian();
    }
  }
}
