package io.engram.metatraining;

import io.engram.bundle.BundleLayout;
import io.engram.bundle.MetaParameters;
import io.engram.snn.NetworkShape;
import io.engram.synapse.WeightMatrix;

/**
 * The six meta-parameter matrices as flat row-major arrays ([from][to]), in a fixed order, so an
 * optimiser can treat them as one vector of blocks.
 */
public final class MetaWeights {

  /** Block order: trainee input, recurrent, readout; LSG input, recurrent, readout. */
  public static final String[] NAMES = {
    "W_in_trainee", "W_rec_trainee", "W_out_trainee", "W_in_lsg", "W_rec_lsg", "W_out_lsg"
  };

  public static final int IN = 0;
  public static final int REC = 1;
  public static final int OUT = 2;
  public static final int LSG_IN = 3;
  public static final int LSG_REC = 4;
  public static final int LSG_OUT = 5;

  private final BundleLayout layout;
  private final double[][] blocks;

  private MetaWeights(BundleLayout layout, double[][] blocks) {
    this.layout = layout;
    this.blocks = blocks;
  }

  /** All zeros, for a layout. */
  public static MetaWeights zeros(BundleLayout layout) {
    int[][] dims = dims(layout);
    double[][] b = new double[6][];
    for (int k = 0; k < 6; k++) {
      b[k] = new double[dims[k][0] * dims[k][1]];
    }
    return new MetaWeights(layout, b);
  }

  /** Rows and columns of each block. */
  public static int[][] dims(BundleLayout layout) {
    NetworkShape t = layout.trainee();
    NetworkShape l = layout.lsg();
    return new int[][] {
      {t.inputs(), t.neurons()},
      {t.neurons(), t.neurons()},
      {t.neurons(), t.readouts()},
      {l.inputs(), l.neurons()},
      {l.neurons(), l.neurons()},
      {l.neurons(), l.readouts()}
    };
  }

  /** A copy of bundle matrices (which must include the LSG). */
  public static MetaWeights of(BundleLayout layout, MetaParameters meta) {
    if (!meta.hasLearningSignalGenerator()) {
      throw new IllegalArgumentException("meta-training needs the LSG's matrices too");
    }
    WeightMatrix[] m = {
      meta.traineeInput(), meta.traineeRecurrent(), meta.traineeReadout(),
      meta.lsgInput(), meta.lsgRecurrent(), meta.lsgReadout()
    };
    MetaWeights w = zeros(layout);
    int[][] dims = dims(layout);
    for (int k = 0; k < 6; k++) {
      if (m[k].rows() != dims[k][0] || m[k].columns() != dims[k][1]) {
        throw new IllegalArgumentException(NAMES[k] + " does not fit the layout");
      }
      m[k].copyInto(w.blocks[k], 0);
    }
    return w;
  }

  /** The matrices as bundle meta-parameters. */
  public MetaParameters toMetaParameters() {
    int[][] dims = dims(layout);
    WeightMatrix[] m = new WeightMatrix[6];
    for (int k = 0; k < 6; k++) {
      m[k] = WeightMatrix.of(dims[k][0], dims[k][1], blocks[k]);
    }
    return new MetaParameters(m[0], m[1], m[2], m[3], m[4], m[5]);
  }

  public BundleLayout layout() {
    return layout;
  }

  /** Block {@code k} (live). */
  public double[] block(int k) {
    return blocks[k];
  }

  /** A deep copy. */
  public MetaWeights copy() {
    double[][] b = new double[6][];
    for (int k = 0; k < 6; k++) {
      b[k] = blocks[k].clone();
    }
    return new MetaWeights(layout, b);
  }

  /** this += scale * other. */
  public void addScaled(MetaWeights other, double scale) {
    for (int k = 0; k < 6; k++) {
      double[] a = blocks[k];
      double[] o = other.blocks[k];
      for (int i = 0; i < a.length; i++) {
        a[i] += scale * o[i];
      }
    }
  }

  /** this *= scale. */
  public void scale(double scale) {
    for (double[] a : blocks) {
      for (int i = 0; i < a.length; i++) {
        a[i] *= scale;
      }
    }
  }

  /** Euclidean norm of all blocks. */
  public double norm() {
    double s = 0;
    for (double[] a : blocks) {
      for (double x : a) {
        s += x * x;
      }
    }
    return Math.sqrt(s);
  }
}
