package io.engram.metatraining;

import io.engram.bundle.BundleLayout;
import io.engram.snn.ClockEncoder;
import io.engram.snn.NetworkShape;
import io.engram.snn.SpikeRaster;
import io.engram.snn.TargetBitEncoder;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import java.util.random.RandomGenerator;

/**
 * The whole inner loop of natural e-prop as a differentiable function of the six meta-parameter
 * matrices: training trial of the trainee on the clock, learning signals of the LSG for the
 * target, the one-shot update (optionally rounded, clipped and programmed through a device
 * model, all straight-through), and the test trial whose readout is scored with the task loss
 * {@code 0.5 MSE(omega) + 0.5 MSE(xyz)} plus a firing-rate regulariser.
 *
 * <p>The training trial sees only the clock, so it is the same for every task of a batch: {@link
 * #trainingTrial} runs it once, each {@link #task} returns the adjoints of its pseudo-derivatives
 * and traces, and {@link #finish} runs its backward pass once on their sum. No second-order term
 * is dropped. Stateless apart from its settings: tasks may run on many threads.
 */
public final class InnerLoopModel {

  /** Steps per block of the update and its backward pass. */
  private static final int BLOCK = 8;

  private final DifferentiableNetwork trainee;
  private final DifferentiableNetwork lsg;
  private final ClockEncoder clock;
  private final TargetBitEncoder target;
  private final ArmModel arm;
  private final InnerLoopSettings settings;
  private final int steps;
  private final double dtMs;
  /** LSG neurons from this one up have trained input and recurrent weights (0: all of them). */
  private final int lsgTrainedFrom;

  public InnerLoopModel(
      DifferentiableNetwork trainee,
      DifferentiableNetwork lsg,
      ClockEncoder clock,
      TargetBitEncoder target,
      ArmModel arm,
      InnerLoopSettings settings,
      int steps) {
    this(trainee, lsg, clock, target, arm, settings, steps, 0);
  }

  private InnerLoopModel(
      DifferentiableNetwork trainee,
      DifferentiableNetwork lsg,
      ClockEncoder clock,
      TargetBitEncoder target,
      ArmModel arm,
      InnerLoopSettings settings,
      int steps,
      int lsgTrainedFrom) {
    if (lsg.shape().readouts() != trainee.shape().neurons()) {
      throw new IllegalArgumentException("the LSG needs one readout per trainee neuron");
    }
    this.trainee = trainee;
    this.lsg = lsg;
    this.clock = clock;
    this.target = target;
    this.arm = arm;
    this.settings = settings;
    this.steps = steps;
    this.dtMs = trainee.neurons().dtMs();
    this.lsgTrainedFrom = lsgTrainedFrom;
  }

  /**
   * This model for training with the LSG's input and recurrent weights frozen: each task's
   * backward pass through the LSG stops at its readout (their gradients stay zero), which saves
   * the LSG's recurrent adjoint, the largest cost per task. Every other gradient is unchanged.
   */
  public InnerLoopModel withLsgHiddenFrozen() {
    return withLsgTrainedFrom(lsg.shape().neurons());
  }

  /**
   * This model for training only the LSG's last neurons, from {@code neuron} up, among its input
   * and recurrent weights: the weights into those neurons from the inputs and from the neurons
   * below them (for a tail of LIF neurons that feeds the readout only, such as the mixing
   * population of a {@link VelocityCodedLsg}). Each task's backward pass through the LSG covers
   * the readout and that tail ({@link DifferentiableNetwork#tailBackward}); every other LSG input
   * and recurrent gradient stays zero, and every other gradient is unchanged.
   */
  public InnerLoopModel withLsgTrainedFrom(int neuron) {
    if (neuron < 1 || neuron > lsg.shape().neurons()) {
      throw new IllegalArgumentException("the LSG's trained neurons must start in [1, " + lsg.shape().neurons() + "]");
    }
    return new InnerLoopModel(trainee, lsg, clock, target, arm, settings, steps, neuron);
  }

  public InnerLoopSettings settings() {
    return settings;
  }

  public BundleLayout layout() {
    return new BundleLayout(trainee.shape(), lsg.shape());
  }

  /** The trainee's training trial with the initial weights: shared by every task of a batch. */
  public record TrainingTrial(SpikeRaster clock, Trajectory trajectory, double[] psi, double[] traces) {}

  /** What one task contributes: its loss and metrics, gradients and the training-trial adjoints. */
  public record TaskResult(
      double loss, double taskLoss, double[] omegaOut, MetaWeights gradient, double[] gpsi, double[] gzbar) {}

  /** Runs the training trial (trainee on the clock) with the current weights. */
  public TrainingTrial trainingTrial(MetaWeights w) {
    NetworkShape s = trainee.shape();
    SpikeRaster input = clock.encode(steps);
    Trajectory tr = trainee.forward(w.block(MetaWeights.IN), w.block(MetaWeights.REC), w.block(MetaWeights.OUT), input);
    double[] psi = trainee.pseudoDerivatives(tr);
    int n = s.neurons();
    int rows = s.inputs() + n;
    double alpha = trainee.neurons().alpha();
    double[] traces = new double[steps * rows];
    int[] active = new int[s.inputs()];
    double[] cur = new double[rows];
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < rows; i++) {
        cur[i] *= alpha;
      }
      int c = input.copyActive(t, active, 0);
      for (int k = 0; k < c; k++) {
        cur[active[k]] += 1.0;
      }
      if (t > 0) {
        for (int i = 0; i < n; i++) {
          cur[s.inputs() + i] += tr.z()[(t - 1) * n + i];
        }
      }
      System.arraycopy(cur, 0, traces, t * rows, rows);
    }
    return new TrainingTrial(input, tr, psi, traces);
  }

  /** The LSG's input for a task: the clock, then the target's bits. */
  public SpikeRaster lsgInput(MotionTask task) {
    return clock.encode(steps).concat(target.encode(task.xyz(), steps));
  }

  /**
   * The trainee's test-trial output (steps x joints) after the update made with these learning
   * signals (steps x neurons), without device effects.
   */
  public double[] adaptedOutput(MetaWeights w, TrainingTrial tt, double[] learningSignals) {
    double[][] adapted = adapted(w, update(tt, learningSignals));
    return trainee.forward(adapted[0], adapted[1], w.block(MetaWeights.OUT), tt.clock()).y();
  }

  /** {W_in + dW_in, W_rec + dW_rec} for an update {@code dw} with rows inputs + neurons. */
  private double[][] adapted(MetaWeights w, double[] dw) {
    int n = trainee.shape().neurons();
    int nIn = trainee.shape().inputs();
    double[] wIn = w.block(MetaWeights.IN).clone();
    double[] wRec = w.block(MetaWeights.REC).clone();
    for (int i = 0; i < nIn * n; i++) {
      wIn[i] += dw[i];
    }
    for (int i = 0; i < n * n; i++) {
      wRec[i] += dw[nIn * n + i];
    }
    return new double[][] {wIn, wRec};
  }

  /** The update {@code dW = -eta sum_t trace_t (psi_t L_t)^T}, rows inputs + neurons. */
  double[] update(TrainingTrial tt, double[] learningSignals) {
    NetworkShape s = trainee.shape();
    int n = s.neurons();
    int rows = s.inputs() + n;
    double[] dw = new double[rows * n];
    double[] e = new double[BLOCK * n];
    // Steps in blocks, so that each row of dW is loaded once per block rather than once per step;
    // every element still sums its steps in order.
    for (int t0 = 0; t0 < steps; t0 += BLOCK) {
      int nb = Math.min(BLOCK, steps - t0);
      for (int k = 0; k < nb * n; k++) {
        e[k] = tt.psi()[t0 * n + k] * learningSignals[t0 * n + k];
      }
      for (int r = 0; r < rows; r++) {
        int base = r * n;
        for (int k = 0; k < nb; k++) {
          double tr = tt.traces()[(t0 + k) * rows + r];
          if (tr != 0.0) {
            int eb = k * n;
            for (int j = 0; j < n; j++) {
              dw[base + j] += tr * e[eb + j];
            }
          }
        }
      }
    }
    double eta = settings.eta();
    for (int i = 0; i < dw.length; i++) {
      dw[i] = settings.quantum().round(-eta * dw[i]);
    }
    return dw;
  }

  /**
   * One task: learning signals, update, test trial, loss, and the backward pass of all of it down
   * to the LSG's weights and the adjoints of the training trial.
   *
   * @param rng noise of the device model (unused without one)
   */
  public TaskResult task(MetaWeights w, TrainingTrial tt, MotionTask task, RandomGenerator rng) {
    NetworkShape s = trainee.shape();
    int n = s.neurons();
    int nIn = s.inputs();
    int rows = nIn + n;
    // Learning signals.
    SpikeRaster lsgInput = lsgInput(task);
    double[] lIn = w.block(MetaWeights.LSG_IN);
    double[] lRec = w.block(MetaWeights.LSG_REC);
    double[] lOut = w.block(MetaWeights.LSG_OUT);
    Trajectory lt = lsg.forward(lIn, lRec, lOut, lsgInput);
    double[] signals = lt.y();
    // Update and adapted weights.
    double[][] adapted = adapted(w, update(tt, signals));
    double[] wIn = adapted[0];
    double[] wRec = adapted[1];
    hardwareEffects(wIn, rng);
    hardwareEffects(wRec, rng);
    double[] wOut = w.block(MetaWeights.OUT);
    // Test trial and loss.
    Trajectory test = trainee.forward(wIn, wRec, wOut, tt.clock());
    double[] omega = test.y();
    int joints = s.readouts();
    double[] gy = new double[steps * joints];
    double taskLoss = motionLoss(task, omega, gy);
    MetaWeights g = MetaWeights.zeros(layout());
    double[] gzTest = new double[steps * n];
    double loss = taskLoss + rateLoss(test, n, settings.traineeRateHz(), gzTest);
    double[] gzLsg = new double[steps * lsg.shape().neurons()];
    loss += rateLoss(lt, lsg.shape().neurons(), settings.lsgRateHz(), gzLsg);
    // Backward through the test trial: straight-through to the adapted weights.
    double[] gInAdapted = new double[nIn * n];
    double[] gRecAdapted = new double[n * n];
    trainee.backward(test, wRec, wOut, tt.clock(), gy, gzTest, null, null, gInAdapted, gRecAdapted, g.block(MetaWeights.OUT));
    addInto(g.block(MetaWeights.IN), gInAdapted);
    addInto(g.block(MetaWeights.REC), gRecAdapted);
    // Backward through the update: adjoints of the learning signals, psi and the traces.
    double eta = settings.eta();
    double[] gL = new double[steps * n];
    double[] gpsi = new double[steps * n];
    double[] gzbar = new double[steps * n];
    double[] e = new double[BLOCK * n];
    double[] a = new double[BLOCK * n];
    double[] back = new double[BLOCK * n];
    double[] gRecT = DifferentiableNetwork.withoutDiagonal(gRecAdapted, n, true); // its diagonal is zero
    // Steps in blocks (each weight row loaded once per block); every element sums in order.
    for (int t0 = 0; t0 < steps; t0 += BLOCK) {
      int nb = Math.min(BLOCK, steps - t0);
      // a_t = G^T trace_t, G the adapted weights' gradient (rows inputs + neurons).
      java.util.Arrays.fill(a, 0.0);
      for (int r = 0; r < rows; r++) {
        double[] gr = r < nIn ? gInAdapted : gRecAdapted;
        int base = (r < nIn ? r : r - nIn) * n;
        for (int k = 0; k < nb; k++) {
          double tr = tt.traces()[(t0 + k) * rows + r];
          if (tr != 0.0) {
            int ab = k * n;
            for (int j = 0; j < n; j++) {
              a[ab + j] += gr[base + j] * tr;
            }
          }
        }
      }
      for (int k = 0; k < nb * n; k++) {
        int at = t0 * n + k;
        double psi = tt.psi()[at];
        double l = signals[at];
        gL[at] = -eta * psi * a[k];
        gpsi[at] = -eta * l * a[k];
        e[k] = psi * l;
      }
      // gRecAdapted e_t as a sum of columns (an axpy per neuron, skipping psi = 0).
      java.util.Arrays.fill(back, 0.0);
      for (int j = 0; j < n; j++) {
        int base = j * n;
        for (int k = 0; k < nb; k++) {
          double ej = e[k * n + j];
          if (ej != 0.0) {
            int bb = k * n;
            for (int i = 0; i < n; i++) {
              back[bb + i] += gRecT[base + i] * ej;
            }
          }
        }
      }
      for (int k = 0; k < nb * n; k++) {
        gzbar[t0 * n + k] = -eta * back[k];
      }
    }
    // Backward through the LSG.
    if (lsgTrainedFrom == lsg.shape().neurons()) {
      lsg.readoutBackward(lt, gL, g.block(MetaWeights.LSG_OUT));
    } else if (lsgTrainedFrom > 0) {
      lsg.tailBackward(lt, lRec, lOut, lsgInput, gL, gzLsg, lsgTrainedFrom,
          g.block(MetaWeights.LSG_IN), g.block(MetaWeights.LSG_REC), g.block(MetaWeights.LSG_OUT));
    } else {
      lsg.backward(lt, lRec, lOut, lsgInput, gL, gzLsg, null, null,
          g.block(MetaWeights.LSG_IN), g.block(MetaWeights.LSG_REC), g.block(MetaWeights.LSG_OUT));
    }
    return new TaskResult(loss, taskLoss, omega, g, gpsi, gzbar);
  }

  /**
   * The training trial's backward pass, once per batch: adds to {@code gradient} the trainee
   * weight gradients from the batch's summed adjoints (already scaled to the batch mean) and from
   * the training trial's own rate regulariser; returns that regulariser's value.
   */
  public double finish(MetaWeights w, TrainingTrial tt, double[] gpsi, double[] gzbar, MetaWeights gradient) {
    int n = trainee.shape().neurons();
    double[] gz = new double[steps * n];
    double reg = rateLoss(tt.trajectory(), n, settings.traineeRateHz(), gz);
    trainee.backward(tt.trajectory(), w.block(MetaWeights.REC), w.block(MetaWeights.OUT), tt.clock(),
        null, gz, gpsi, gzbar,
        gradient.block(MetaWeights.IN), gradient.block(MetaWeights.REC), gradient.block(MetaWeights.OUT));
    return reg;
  }

  private void hardwareEffects(double[] w, RandomGenerator rng) {
    double clip = settings.weightClip();
    if (clip > 0) {
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.max(-clip, Math.min(clip, w[i]));
      }
    }
    if (settings.device() != null) {
      double max = 0;
      for (double x : w) {
        max = Math.max(max, Math.abs(x));
      }
      if (max > 0) {
        double gMax = settings.device().gMax();
        for (int i = 0; i < w.length; i++) {
          double g = Math.abs(w[i]) / max * gMax;
          double programmed = settings.device().program(g, rng);
          w[i] = Math.signum(w[i]) * programmed / gMax * max;
        }
      }
    }
  }

  /** The task loss of an output, and its adjoint (added to {@code gy}). */
  double motionLoss(MotionTask task, double[] omega, double[] gy) {
    int joints = arm.joints();
    double[] target = task.omega();
    double lossOmega = 0;
    double wOmega = settings.omegaLossWeight();
    for (int i = 0; i < omega.length; i++) {
      double d = omega[i] - target[i];
      lossOmega += d * d;
      gy[i] += wOmega * d / (steps * joints);
    }
    double[] q = arm.integrate(omega, steps);
    double[] xyz = arm.endEffector(q, steps);
    double[] tx = task.xyz();
    double[] gxyz = new double[steps * 3];
    double lossXyz = 0;
    if (settings.positionLoss() == InnerLoopSettings.PositionLoss.DISTANCE) {
      for (int t = 0; t < steps; t++) {
        double dx = xyz[t * 3] - tx[t * 3];
        double dy = xyz[t * 3 + 1] - tx[t * 3 + 1];
        double dz = xyz[t * 3 + 2] - tx[t * 3 + 2];
        double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
        lossXyz += r;
        if (r > 0) {
          gxyz[t * 3] = dx / (r * steps);
          gxyz[t * 3 + 1] = dy / (r * steps);
          gxyz[t * 3 + 2] = dz / (r * steps);
        }
      }
      lossXyz /= steps;
    } else {
      for (int i = 0; i < xyz.length; i++) {
        double d = xyz[i] - tx[i];
        lossXyz += d * d;
        gxyz[i] = d / (steps * 3);
      }
      lossXyz = 0.5 * lossXyz / (steps * 3);
    }
    // Jacobian of the end effector by central differences, one driven joint at a time.
    double h = 1e-6;
    double[] gq = new double[steps * joints];
    for (int k = 0; k < joints; k++) {
      double[] qp = q.clone();
      double[] qm = q.clone();
      for (int t = 0; t < steps; t++) {
        qp[t * joints + k] += h;
        qm[t * joints + k] -= h;
      }
      double[] xp = arm.endEffector(qp, steps);
      double[] xm = arm.endEffector(qm, steps);
      for (int t = 0; t < steps; t++) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
          s += gxyz[t * 3 + c] * (xp[t * 3 + c] - xm[t * 3 + c]) / (2 * h);
        }
        gq[t * joints + k] = s;
      }
    }
    double cInt = arm.integrationConstantS();
    for (int k = 0; k < joints; k++) {
      double acc = 0;
      for (int t = steps - 1; t >= 0; t--) {
        acc += gq[t * joints + k];
        gy[t * joints + k] += cInt * acc;
      }
    }
    return 0.5 * wOmega * lossOmega / (steps * joints) + lossXyz;
  }

  /** {@code lambda sum_j (rate_j - target)^2} with rates per step; adds its adjoint to {@code gz}. */
  double rateLoss(Trajectory tr, int neurons, double targetHz, double[] gz) {
    double lambda = settings.rateLambda();
    if (lambda == 0) {
      return 0;
    }
    double target = targetHz * dtMs / 1000.0;
    double[] rate = tr.ratesPerStep(neurons);
    double loss = 0;
    for (int j = 0; j < neurons; j++) {
      double d = rate[j] - target;
      loss += lambda * d * d;
      double g = 2 * lambda * d / tr.steps();
      for (int t = 0; t < tr.steps(); t++) {
        gz[t * neurons + j] += g;
      }
    }
    return loss;
  }

  private static void addInto(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
  }
}
