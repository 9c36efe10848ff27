package io.engram.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.engram.config.EngramConfig;
import io.engram.snn.ClockEncoder;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.snn.Trainee;
import io.engram.synapse.FloatSynapticMatrix;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomInitialWeightsTest {

  private static final EngramConfig CONFIG = EngramConfig.defaults();

  private static double rate(MetaParameters m) {
    NetworkParameters p = NetworkParameters.trainee(CONFIG.network());
    NetworkShape s = p.shape();
    Trainee t =
        Trainee.create(
            p,
            new FloatSynapticMatrix(s.synapticRows(), s.neurons()),
            m.traineeInput(),
            m.traineeRecurrent(),
            m.traineeReadout(),
            ClockEncoder.of(CONFIG.network().clock()));
    return t.run(CONFIG.control().trialSteps(), null).firingRateHz();
  }

  @Test
  void firesAtTheTargetRateWithTheSeedsWeights(@TempDir Path dir) throws Exception {
    RandomInitialWeights init = RandomInitialWeights.of(CONFIG);
    for (double hz : new double[] {10, 20, 40}) {
      MetaParameters m = init.draw(3, hz);
      assertEquals(hz, rate(m), 0.05 * hz, "rate at the bisected gain");
    }
    MetaParameters a = init.draw(3, 20);
    assertEquals(a.traineeInput(), init.draw(3, 20).traineeInput(), "same seed, same weights");
    assertNotEquals(a.traineeInput(), init.draw(4, 20).traineeInput());
    for (int i = 0; i < 250; i++) {
      assertEquals(0.0, a.traineeRecurrent().get(i, i), "no autapses");
    }
    // W_out keeps N(0, 1/250): its standard deviation is about 1/sqrt(250).
    double[] out = a.traineeReadout().toArray();
    double ss = 0;
    for (double w : out) {
      ss += w * w;
    }
    assertEquals(1 / Math.sqrt(250), Math.sqrt(ss / out.length), 0.15 / Math.sqrt(250));
    Path file = dir.resolve("init.npz");
    MetaParameterBundle.write(file, a);
    MetaParameters back = MetaParameterBundle.read(file, BundleLayout.of(CONFIG.network()), false);
    assertEquals(a.traineeRecurrent(), back.traineeRecurrent());
    assertEquals(false, back.hasLearningSignalGenerator());
  }

  @Test
  void rejectsAnUnreachableOrInvalidRate() {
    RandomInitialWeights init = RandomInitialWeights.of(CONFIG);
    assertThrows(IllegalArgumentException.class, () -> init.draw(1, 0));
    assertThrows(IllegalArgumentException.class, () -> init.draw(1, 5000));
  }
}
