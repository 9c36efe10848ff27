package io.engram.metatraining;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void theReferenceStepsDownEvery500Iterations() {
    LearningRateSchedule s = LearningRateSchedule.StepDecay.reference(1.5e-3);
    assertEquals(1.5e-3, s.rate(0), 0);
    assertEquals(1.5e-3, s.rate(499), 0);
    assertEquals(1.5e-3 * 0.99, s.rate(500), 1e-18);
    assertEquals(1.5e-3 * Math.pow(0.99, 200), s.rate(100_000), 1e-15);
  }

  @Test
  void cosineFallsMonotonicallyFromTheRateToTheFloor() {
    LearningRateSchedule s = new LearningRateSchedule.Cosine(4e-4, 1000, 0.01);
    assertEquals(4e-4, s.rate(0), 1e-18);
    assertEquals(4e-4 * (1 + 0.01) / 2, s.rate(500), 1e-15);
    assertEquals(4e-6, s.rate(1000), 1e-18);
    assertEquals(4e-6, s.rate(5000), 1e-18, "flat after the last iteration");
    for (int i = 1; i <= 1000; i++) {
      assertTrue(s.rate(i) < s.rate(i - 1), "falls at " + i);
    }
  }

  @Test
  void rejectsSchedulesThatCannotWork() {
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.Cosine(0, 10, 0.01));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.Cosine(1e-3, 0, 0.01));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.Cosine(1e-3, 10, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.StepDecay(1e-3, 1.2, 500));
  }
}
