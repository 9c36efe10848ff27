package io.engram.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bundle.MetaParameters;
import io.engram.bundle.RandomInitialWeights;
import io.engram.config.EngramConfig;
import io.engram.config.EpropConfig;
import io.engram.config.EpropFeedback;
import io.engram.config.EpropOptimizer;
import io.engram.snn.ClockEncoder;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.snn.Trainee;
import io.engram.snn.TrialRecord;
import io.engram.synapse.FloatSynapticMatrix;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import io.engram.task.TaskMetrics;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behaviour of the readout and e-prop rules on the reference trainee with random weights. */
class InnerLoopRulesTest {

  private static final EngramConfig CONFIG = EngramConfig.defaults();
  private static MetaParameters random;
  private static List<MotionTask> tasks;
  private static TaskMetrics metrics;

  @BeforeAll
  static void setUp() {
    random = RandomInitialWeights.of(CONFIG).draw(11, 20.0);
    tasks = TaskFamily.of(CONFIG).sample(3, 4);
    metrics = new TaskMetrics(ArmModel.of(CONFIG));
  }

  private static Trainee trainee() {
    NetworkParameters p = NetworkParameters.trainee(CONFIG.network());
    NetworkShape s = p.shape();
    return Trainee.create(
        p,
        new FloatSynapticMatrix(s.synapticRows(), s.neurons()),
        random.traineeInput(),
        random.traineeRecurrent(),
        random.traineeReadout(),
        ClockEncoder.of(CONFIG.network().clock()));
  }

  private static double[] synapses(Trainee t) {
    double[] w = new double[t.network().synapses().rows() * t.network().synapses().columns()];
    t.network().synapses().read(w);
    return w;
  }

  private static double error(Trainee t, MotionTask task) {
    TrialRecord r = t.run(task.steps(), null);
    return metrics.measure(task, r.outputs()).endEffectorErrorCm();
  }

  private static double omegaRmse(Trainee t, MotionTask task) {
    double[] r = metrics.measure(task, t.run(task.steps(), null).outputs()).omegaRmse();
    return Math.hypot(r[0], r[1]);
  }

  @Test
  void readoutFitsTheDemonstrationAndLeavesTheNetworkAlone() {
    for (MotionTask task : tasks) {
      Trainee t = trainee();
      double before = omegaRmse(t, task);
      double[] fixed = synapses(t);
      ReadoutRegression rule = new ReadoutRegression(0.01);
      Adaptation a = rule.adapt(t, task);
      assertEquals(1, a.trainingTrials());
      assertArrayEquals(fixed, synapses(t), 0.0, "input and recurrent weights stay fixed");
      double after = omegaRmse(t, task);
      assertTrue(after < 0.1 * before, "omega RMSE " + after + " vs " + before + " before");
      if (!task.clipped()) {
        double cm = error(t, task);
        assertTrue(cm < 2.0, "a non-clipped task is fitted to " + cm + " cm");
      }
    }
  }

  @Test
  void aLargerRidgeFitsLessClosely() {
    MotionTask task = tasks.get(0);
    Trainee t = trainee();
    new ReadoutRegression(1e-3).adapt(t, task);
    double tight = metrics.measure(task, t.run(task.steps(), null).outputs()).loss();
    new ReadoutRegression(10).adapt(t, task);
    double loose = metrics.measure(task, t.run(task.steps(), null).outputs()).loss();
    assertTrue(loose > tight, "loss with ridge 10 " + loose + " vs 1e-3 " + tight);
  }

  @Test
  void epropLowersTheLossOverTrials() {
    MotionTask task = tasks.get(1);
    EpropConfig c = new EpropConfig(20, EpropOptimizer.ADAM, 3e-3, EpropFeedback.SYMMETRIC, 1, 0.25, 20);
    Trainee t = trainee();
    Eprop rule = new Eprop(c);
    double first = rule.gradient(t, task).loss();
    double[] before = synapses(t);
    Adaptation a = rule.adapt(t, task);
    double last = rule.gradient(t, task).loss();
    assertEquals(20, a.trainingTrials());
    assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
    assertFalse(java.util.Arrays.equals(before, synapses(t)), "W_in and W_rec changed");
  }

  @Test
  void randomFeedbackGivesOtherSignalsAndStillLowersTheLoss() {
    MotionTask task = tasks.get(2);
    EpropConfig sym = new EpropConfig(20, EpropOptimizer.ADAM, 3e-3, EpropFeedback.SYMMETRIC, 1, 0.25, 20);
    EpropConfig rnd = new EpropConfig(20, EpropOptimizer.ADAM, 3e-3, EpropFeedback.RANDOM, 1, 0.25, 20);
    double[] gs = new Eprop(sym).gradient(trainee(), task).synaptic().toArray();
    double[] gr = new Eprop(rnd).gradient(trainee(), task).synaptic().toArray();
    assertFalse(java.util.Arrays.equals(gs, gr));
    Trainee t = trainee();
    Eprop rule = new Eprop(rnd);
    double first = rule.gradient(t, task).loss();
    rule.adapt(t, task);
    double last = rule.gradient(t, task).loss();
    assertTrue(last < first, "loss " + first + " -> " + last);
  }

  @Test
  void sgdStepsAgainstTheGradient() {
    MotionTask task = tasks.get(0);
    double lr = 1e-2;
    EpropConfig c = new EpropConfig(1, EpropOptimizer.SGD, lr, EpropFeedback.SYMMETRIC, 1, 0, 20);
    Trainee t = trainee();
    Eprop rule = new Eprop(c);
    double[] g = rule.gradient(t, task).readout().toArray();
    double[] before = t.network().readoutWeights().toArray();
    rule.adapt(t, task);
    double[] after = t.network().readoutWeights().toArray();
    for (int i = 0; i < g.length; i++) {
      assertEquals(before[i] - lr * g[i], after[i], 1e-12);
    }
  }
}
