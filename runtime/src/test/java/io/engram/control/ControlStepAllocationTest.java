package io.engram.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.engram.config.EngramConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The steady-state loop period without I/O (safe-range check, trainee step, limits, tracking,
 * statistics) allocates nothing: counted by the JVM's per-thread allocation counter, over several
 * whole trials. (The figures are in the JMH benchmark ControlStepBenchmark, run with -prof gc.)
 */
class ControlStepAllocationTest {

  @Test
  void aPeriodWithoutIoAllocatesNothing() {
    ThreadAllocation counter = ThreadAllocation.counter();

    EngramConfig config = EngramConfig.defaults();
    TraineeController controller =
        new TraineeController(LoopRig.trainee(config), config.robot(), config.control());
    ControlStep step = new ControlStep(config.robot());
    LoopStatistics statistics = new LoopStatistics(config.control().ioPeriodNanos());
    int joints = config.robot().joints().size();
    double[] measured = new double[joints];
    double[] setPoints = new double[joints];
    double period = config.control().ioPeriodNanos() * 1e-9;
    controller.start();
    // Steady state: after the JIT has compiled the path (the interpreter may allocate).
    run(step, controller, statistics, measured, setPoints, period, 50_000);

    assertEquals(0, counter.allocatedBy(
        () -> run(step, controller, statistics, measured, setPoints, period, 2_000)),
        "bytes allocated by 2000 periods");
  }

  private static void run(ControlStep step, TraineeController controller, LoopStatistics stats,
      double[] measured, double[] setPoints, double period, int periods) {
    for (int i = 0; i < periods; i++) {
      long start = System.nanoTime();
      if (step.apply(controller, measured, setPoints, true) != ControlStep.Result.CONTINUE) {
        controller.start();
        Arrays.fill(measured, 0);
      } else {
        for (int j = 0; j < measured.length; j++) {
          measured[j] += setPoints[j] * period;
        }
      }
      stats.iteration(System.nanoTime() - start);
      stats.period(10_000_000L + (i % 7) * 1000L);
    }
  }
}
