package io.engram.metatraining;

import io.engram.task.MotionTask;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The loss of a batch of tasks (mean over tasks, plus the training trial's rate regulariser) and
 * its gradient. Tasks run on the given pool; results are reduced in task order and every task's
 * noise comes from its own seed, so the result does not depend on the number of threads.
 */
public final class BatchGradient {

  private final InnerLoopModel model;
  private final ExecutorService pool;

  /** @param pool runs the tasks; null runs them on the calling thread */
  public BatchGradient(InnerLoopModel model, ExecutorService pool) {
    this.model = model;
    this.pool = pool;
  }

  public InnerLoopModel model() {
    return model;
  }

  /** Loss and gradient of one batch. */
  public record Result(double loss, double taskLoss, MetaWeights gradient) {}

  /**
   * @param seeds one per task: seeds that task's device noise
   */
  public Result compute(MetaWeights w, List<MotionTask> tasks, long[] seeds)
      throws InterruptedException {
    InnerLoopModel.TrainingTrial tt = model.trainingTrial(w);
    List<InnerLoopModel.TaskResult> results = new ArrayList<>(tasks.size());
    if (pool == null) {
      for (int i = 0; i < tasks.size(); i++) {
        results.add(model.task(w, tt, tasks.get(i), new SplittableRandom(seeds[i])));
      }
    } else {
      List<Future<InnerLoopModel.TaskResult>> futures = new ArrayList<>();
      for (int i = 0; i < tasks.size(); i++) {
        MotionTask task = tasks.get(i);
        long seed = seeds[i];
        futures.add(pool.submit(() -> model.task(w, tt, task, new SplittableRandom(seed))));
      }
      for (Future<InnerLoopModel.TaskResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a task of the batch failed: " + e.getCause(), e.getCause());
        }
      }
    }
    double scale = 1.0 / tasks.size();
    MetaWeights g = MetaWeights.zeros(w.layout());
    double[] gpsi = new double[results.get(0).gpsi().length];
    double[] gzbar = new double[gpsi.length];
    double loss = 0;
    double taskLoss = 0;
    for (InnerLoopModel.TaskResult r : results) {
      g.addScaled(r.gradient(), scale);
      for (int i = 0; i < gpsi.length; i++) {
        gpsi[i] += scale * r.gpsi()[i];
        gzbar[i] += scale * r.gzbar()[i];
      }
      loss += scale * r.loss();
      taskLoss += scale * r.taskLoss();
    }
    loss += model.finish(w, tt, gpsi, gzbar, g);
    return new Result(loss, taskLoss, g);
  }
}
