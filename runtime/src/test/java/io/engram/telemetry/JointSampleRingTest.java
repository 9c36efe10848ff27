package io.engram.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JointSampleRingTest {

  @Test
  void decimatesToTheSampleRateAndKeepsOrder() {
    JointSampleRing ring = new JointSampleRing(2, 16, 50); // one sample per 20 ms
    double[] q = new double[2];
    double[] zero = new double[2];
    for (int i = 0; i < 10; i++) { // 10 ms apart: every other one is kept
      q[0] = i;
      ring.offer(i * 10_000_000L, q, zero, zero);
    }
    List<Double> kept = new ArrayList<>();
    assertEquals(5, ring.drain((nanos, v, off, n) -> kept.add(v[off])));
    assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0), kept);
    assertEquals(0, ring.dropped());
  }

  @Test
  void aFullRingDropsAndCountsAndRecoversOnceDrained() {
    JointSampleRing ring = new JointSampleRing(1, 4, 1e9);
    double[] v = {1};
    for (int i = 0; i < 10; i++) {
      ring.offer(i, v, v, v);
    }
    assertEquals(6, ring.dropped());
    assertEquals(4, ring.drain((nanos, values, off, n) -> {}));
    assertTrue(ring.offer(100, v, v, v));
    assertEquals(1, ring.drain((nanos, values, off, n) -> assertEquals(100, nanos)));
  }

  @Test
  void aProducerAndAConsumerThreadLoseNothingButWhatIsCounted() throws Exception {
    JointSampleRing ring = new JointSampleRing(3, 64, 1e9);
    int total = 200_000;
    AtomicLong received = new AtomicLong();
    AtomicLong last = new AtomicLong(-1);
    Thread producer = new Thread(() -> {
      double[] a = new double[3];
      for (int i = 0; i < total; i++) {
        a[0] = i;
        a[1] = i;
        a[2] = i;
        ring.offer(i, a, a, a);
      }
    });
    producer.start();
    boolean ordered = true;
    while (producer.isAlive() || received.get() + ring.dropped() < total) {
      final boolean[] ok = {true};
      ring.drain((nanos, v, off, n) -> {
        ok[0] &= v[off] == nanos && v[off + 2 * n + 2] == nanos && nanos > last.get();
        last.set(nanos);
        received.incrementAndGet();
      });
      ordered &= ok[0];
      if (!producer.isAlive() && received.get() + ring.dropped() >= total) {
        break;
      }
    }
    producer.join();
    assertTrue(ordered, "samples must arrive whole and in order");
    assertEquals(total, received.get() + ring.dropped());
    assertFalse(received.get() == 0);
  }
}
