package io.engram.learning;

import io.engram.bundle.BundleLayout;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.npy.NpyArray;
import io.engram.npy.NpzArchive;
import io.engram.snn.ClockEncoder;
import io.engram.snn.LearningSignalGenerator;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.snn.TargetBitEncoder;
import io.engram.snn.Trainee;
import io.engram.synapse.FloatSynapticMatrix;
import io.engram.task.MotionTask;
import io.engram.testing.SharedReference;
import java.io.IOException;
import java.util.Arrays;

/** The golden tasks and the released meta-parameters, loaded once (tests skip when absent). */
final class GoldenTasks {

  final MetaParameters meta;
  final NpzArchive golden;
  final int count;
  final int steps;

  private static GoldenTasks loaded;

  private GoldenTasks(MetaParameters meta, NpzArchive golden) throws IOException {
    this.meta = meta;
    this.golden = golden;
    this.count = golden.array("omega").dim(0);
    this.steps = golden.array("omega").dim(1);
  }

  static synchronized GoldenTasks load() throws IOException {
    java.nio.file.Path metaPath = SharedReference.metaBundle();
    java.nio.file.Path goldenPath = SharedReference.goldenTasks();
    if (loaded == null) {
      loaded =
          new GoldenTasks(
              MetaParameterBundle.read(metaPath, BundleLayout.reference(), true),
              NpzArchive.read(goldenPath));
    }
    return loaded;
  }

  /** Rows [index] of a stacked array, as doubles. */
  double[] slice(String key, int index) throws IOException {
    NpyArray a = golden.array(key);
    int per = a.size() / a.dim(0);
    double[] all = a.toDoubles();
    return Arrays.copyOfRange(all, index * per, (index + 1) * per);
  }

  double scalar(String key, int index) throws IOException {
    return golden.array(key).get(index);
  }

  MotionTask task(int index) throws IOException {
    return new MotionTask(
        steps,
        2,
        slice("omega", index),
        slice("angles", index),
        slice("xyz", index),
        golden.array("clipped").toBooleans()[index]);
  }

  Trainee newTrainee() {
    NetworkShape s = NetworkShape.trainee();
    return Trainee.create(
        NetworkParameters.trainee(),
        new FloatSynapticMatrix(s.synapticRows(), s.neurons()),
        meta.traineeInput(),
        meta.traineeRecurrent(),
        meta.traineeReadout(),
        ClockEncoder.reference());
  }

  LearningSignalGenerator newLsg() {
    return LearningSignalGenerator.create(
        NetworkParameters.learningSignalGenerator(),
        meta.lsgInput(),
        meta.lsgRecurrent(),
        meta.lsgReadout(),
        ClockEncoder.reference(),
        TargetBitEncoder.reference());
  }
}
