package io.engram.metatraining;

import io.engram.snn.NetworkShape;
import java.util.SplittableRandom;

/**
 * An LSG wired to report the target's velocity, times functions of its position, to a linear
 * readout. The target reaches the LSG as bits of x, y and z; velocity is a difference of
 * positions, which leaky neurons cannot take from bits that stay on for many steps, so the
 * network first turns the bits into spikes locked to a common phase and then compares each
 * sample with the one a cycle earlier. Populations, in neuron order:
 *
 * <ol>
 *   <li>Ring ({@value #RING} LIF neurons): a pacemaker. Each excites the next above threshold;
 *       clock channel 0 starts the first. Ring neuron k fires at every step t = k (mod 5), the
 *       shortest period the refractory time allows, for the whole trial.
 *   <li>Raw relays (3 coordinates x the read bits): each is driven by its bit just below the rate
 *       that keeps it firing after the bit goes off (0.35 per step reaches the threshold 1.3 after
 *       four steps and leaves 1.24 after a spike), so it follows the bit with a lag of four steps.
 *   <li>Synchronised relays (as many): excited by their raw relay and by ring neuron 4, reset by
 *       ring neuron 0; each fires only at phase 0 of the cycle, when its bit was on about five
 *       steps before. At a phase-0 step, sum_j 2^(j-15) sync_j is the coordinate (plus 1, modulo 2)
 *       to the resolution of the lowest bit read.
 *   <li>Delay chains ({@code delay} neurons per synchronised relay): each link copies a spike one
 *       step later (weight 1.4 over the threshold 1.3), so a chain's last neuron holds the sample
 *       of the previous cycle.
 *   <li>Mixing neurons (all the remaining neurons): every cycle each receives {@code g u.(p(t) -
 *       p(t-5)) + h a.p(t) + b} from the relays and chain ends (p = (x, y, z), u a random unit
 *       vector, a ~ N(0, I), b ~ N(biasMean, biasSd) delivered by ring neuron 1, which also removes
 *       the bit code's offset of 1 m). Each fires about relu(velocity along u + a position-dependent
 *       offset): products of velocity and position, from which a linear readout approximates the
 *       joint velocities J(q)^-1 dp/dt.
 *   <li>Position neurons (the last {@code positionNeurons}): each reads every bit of x, y and z
 *       straight from the input, weighted by its place value, so its input current is {@code
 *       k v.(p(t) - centre) + c} at the bits' full precision (2^-15 m) at every step (v a random
 *       unit vector, k ~ U[{@value #POSITION_NEURON_GAIN_MIN}, {@value #POSITION_NEURON_GAIN_MAX}),
 *       c ~ U[0, {@value #POSITION_NEURON_BIAS_MAX}) delivered by the ring at every step, which also
 *       removes the bit code's offset and the centre). Each fires about relu(k v.(p - centre) + c):
 *       the position the mixing neurons only see to the lowest bit read.
 * </ol>
 *
 * Every neuron is LIF (the configuration's ALIF count must be 0). Deterministic given the seed.
 *
 * @param lowestBit the lowest bit read per coordinate by the relays (bits below toggle faster than
 *     the cycle)
 * @param delay chain length, in steps (one cycle)
 * @param velocityGain g
 * @param positionGain h
 * @param biasMean mean of b
 * @param biasSd standard deviation of b
 * @param positionNeurons how many neurons, at the end, read the position at full precision
 */
public record VelocityCodedLsg(
    int lowestBit, int delay, double velocityGain, double positionGain, double biasMean, double biasSd,
    int positionNeurons) {

  /** Neurons of the pacemaker ring. */
  public static final int RING = 5;

  static final double RING_WEIGHT = 2.0;
  static final double RAW_WEIGHT = 0.35;
  static final double SYNC_FROM_RAW = 1.4;
  static final double SYNC_FROM_RING = 1.3;
  static final double SYNC_RESET = -1.4;
  static final double CHAIN_WEIGHT = 1.4;
  static final double POSITION_NEURON_GAIN_MIN = 0.5;
  static final double POSITION_NEURON_GAIN_MAX = 2.0;
  static final double POSITION_NEURON_BIAS_MAX = 0.1;

  public VelocityCodedLsg {
    if (lowestBit < 0 || delay < 1 || positionNeurons < 0) {
      throw new IllegalArgumentException("lowestBit and positionNeurons must be >= 0 and delay >= 1");
    }
  }

  public static VelocityCodedLsg standard() {
    return new VelocityCodedLsg(7, 5, 8.0, 0.5, -0.1, 0.2, 0);
  }

  /** This wiring reading bits from {@code bit} up. */
  public VelocityCodedLsg withLowestBit(int bit) {
    return new VelocityCodedLsg(bit, delay, velocityGain, positionGain, biasMean, biasSd, positionNeurons);
  }

  /** This wiring with {@code count} position neurons. */
  public VelocityCodedLsg withPositionNeurons(int count) {
    return new VelocityCodedLsg(lowestBit, delay, velocityGain, positionGain, biasMean, biasSd, count);
  }

  /**
   * Neurons before the mixing population, for {@code bitsPerCoordinate} bits: where the trainable
   * part of the LSG (mixing and position neurons) begins.
   */
  public int fixedNeurons(int bitsPerCoordinate) {
    int relays = 3 * (bitsPerCoordinate - lowestBit);
    return RING + relays * (2 + delay);
  }

  /**
   * Checks that an LSG of {@code neurons} leaves mixing neurons beside this wiring's ring, relays,
   * delay chains and position neurons.
   *
   * @throws IllegalArgumentException if it does not
   */
  public void checkRoom(int neurons, int bitsPerCoordinate) {
    int wired = fixedNeurons(bitsPerCoordinate) + positionNeurons;
    if (neurons <= wired) {
      throw new IllegalArgumentException("an LSG of " + neurons + " neurons leaves no mixing neurons: the constructed LSG"
          + " needs more than " + wired + " neurons for this wiring (ring, relays, delay chains and position neurons)");
    }
  }

  /**
   * Writes the LSG's input and recurrent weights into {@code w} (its readout is left alone), with
   * position neurons centred on the origin.
   */
  public void writeInto(MetaWeights w, int clockChannels, int bitsPerCoordinate, long seed) {
    writeInto(w, clockChannels, bitsPerCoordinate, new double[3], seed);
  }

  /**
   * Writes the LSG's input and recurrent weights into {@code w} (its readout is left alone), with
   * position neurons centred on {@code centre} (x, y, z in metres; e.g. where every motion starts).
   */
  public void writeInto(MetaWeights w, int clockChannels, int bitsPerCoordinate, double[] centre, long seed) {
    NetworkShape s = w.layout().lsg();
    int n = s.neurons();
    if (s.inputs() != clockChannels + 3 * bitsPerCoordinate) {
      throw new IllegalArgumentException("the LSG must read the clock and three coordinates");
    }
    if (s.alifNeurons() != 0) {
      throw new IllegalArgumentException("a velocity-coded LSG has no ALIF neurons; configure alif-neurons: 0");
    }
    int bits = bitsPerCoordinate - lowestBit;
    int relays = 3 * bits;
    if (bits < 1) {
      throw new IllegalArgumentException("the lowest bit read, " + lowestBit + ", leaves no bits of " + bitsPerCoordinate);
    }
    checkRoom(n, bitsPerCoordinate);
    int mixers = n - fixedNeurons(bitsPerCoordinate) - positionNeurons;
    double[] in = w.block(MetaWeights.LSG_IN);
    double[] rec = w.block(MetaWeights.LSG_REC);
    java.util.Arrays.fill(in, 0.0);
    java.util.Arrays.fill(rec, 0.0);
    for (int k = 0; k < RING; k++) {
      rec[k * n + (k + 1) % RING] = RING_WEIGHT;
    }
    in[0 * n + 0] = RING_WEIGHT;
    int raw0 = RING;
    int sync0 = raw0 + relays;
    int chain0 = sync0 + relays;
    int mix0 = chain0 + relays * delay;
    for (int c = 0; c < 3; c++) {
      for (int b = 0; b < bits; b++) {
        int r = c * bits + b;
        int channel = clockChannels + c * bitsPerCoordinate + lowestBit + b;
        in[channel * n + raw0 + r] = RAW_WEIGHT;
        rec[(raw0 + r) * n + sync0 + r] = SYNC_FROM_RAW;
        rec[(RING - 1) * n + sync0 + r] = SYNC_FROM_RING;
        rec[0 * n + sync0 + r] = SYNC_RESET;
        int prev = sync0 + r;
        for (int k = 0; k < delay; k++) {
          int link = chain0 + r * delay + k;
          rec[prev * n + link] = CHAIN_WEIGHT;
          prev = link;
        }
      }
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int top = bitsPerCoordinate - 1;
    for (int m = 0; m < mixers; m++) {
      int target = mix0 + m;
      double[] u = randomDirection(rng);
      double[] a = new double[3];
      double aSum = 0;
      for (int c = 0; c < 3; c++) {
        a[c] = rng.nextGaussian();
        aSum += a[c];
      }
      double bias = biasMean + biasSd * rng.nextGaussian();
      for (int c = 0; c < 3; c++) {
        for (int b = 0; b < bits; b++) {
          int r = c * bits + b;
          double place = Math.pow(2, lowestBit + b - top);
          rec[(sync0 + r) * n + target] += (velocityGain * u[c] + positionGain * a[c]) * place;
          rec[(chain0 + r * delay + delay - 1) * n + target] += -velocityGain * u[c] * place;
        }
      }
      rec[1 * n + target] += bias - positionGain * aSum;
    }
    for (int m = 0; m < positionNeurons; m++) {
      int target = n - positionNeurons + m;
      double[] v = randomDirection(rng);
      double gain = POSITION_NEURON_GAIN_MIN + (POSITION_NEURON_GAIN_MAX - POSITION_NEURON_GAIN_MIN) * rng.nextDouble();
      double offset = POSITION_NEURON_BIAS_MAX * rng.nextDouble();
      for (int c = 0; c < 3; c++) {
        offset -= gain * v[c] * (1 + centre[c]); // the bit code reads p + 1
        for (int b = 0; b < bitsPerCoordinate; b++) {
          in[(clockChannels + c * bitsPerCoordinate + b) * n + target] = gain * v[c] * Math.pow(2, b - top);
        }
      }
      for (int k = 0; k < RING; k++) {
        rec[k * n + target] = offset; // one ring neuron fires at every step
      }
    }
  }

  /** A unit vector in 3-D with a uniformly random direction. */
  private static double[] randomDirection(SplittableRandom rng) {
    double[] u = new double[3];
    double norm = 0;
    for (int c = 0; c < 3; c++) {
      u[c] = rng.nextGaussian();
      norm += u[c] * u[c];
    }
    norm = Math.sqrt(norm);
    for (int c = 0; c < 3; c++) {
      u[c] /= norm;
    }
    return u;
  }
}
