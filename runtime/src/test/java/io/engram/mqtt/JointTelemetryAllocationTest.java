package io.engram.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.control.ThreadAllocation;
import io.engram.telemetry.JointSampleRing;
import org.junit.jupiter.api.Test;

/**
 * What the control loop does with every period's joint sample when MQTT is on allocates nothing:
 * handing it to the bridge while the broker is gone (kept until the ring is full, then dropped and
 * counted), and offering it to a sample ring that is drained (copied in and out). Counted with the
 * JVM's per-thread allocation counter after the JIT has compiled the path. (The timings are in the
 * JMH benchmark ControlStepBenchmark, run with -prof gc.)
 */
class JointTelemetryAllocationTest {

  @Test
  void handingSamplesToTheBridgeAllocatesNothing() throws Exception {
    ThreadAllocation counter = ThreadAllocation.counter();
    RemoteFixture fx = new RemoteFixture();
    // Never started, nothing listens on port 1: as with the broker gone.
    try (MqttBridge bridge = new MqttBridge(fx.mqtt("tcp://127.0.0.1:1", "alloc"), "alloc",
        fx.jointNames(), fx.router(), fx.bundles())) {
      int n = fx.jointNames().size();
      double[] q = new double[n];
      double[] dq = new double[n];
      double[] cmd = new double[n];
      long[] clock = {0};
      Runnable periods = () -> {
        for (int i = 0; i < 2_000; i++) {
          clock[0] += 10_000_000L;
          q[0] = i;
          bridge.joints(clock[0], q, dq, cmd);
        }
      };
      for (int i = 0; i < 25; i++) {
        periods.run();
      }
      assertEquals(0, counter.allocatedBy(periods), "bytes allocated by 2000 periods");
      assertTrue(bridge.counters().droppedJointSamples() > 0, "the full ring drops and counts");
    }
  }

  @Test
  void offeringAndDrainingTheSampleRingAllocatesNothing() {
    ThreadAllocation counter = ThreadAllocation.counter();
    JointSampleRing ring = new JointSampleRing(6, 64, 100);
    double[] q = new double[6];
    long[] kept = {0};
    JointSampleRing.Visitor count = (nanos, values, offset, joints) -> kept[0]++;
    long[] clock = {0};
    Runnable periods = () -> {
      for (int i = 0; i < 2_000; i++) {
        clock[0] += 10_000_000L;
        ring.offer(clock[0], q, q, q);
        ring.drain(count);
      }
    };
    for (int i = 0; i < 25; i++) {
      periods.run();
    }
    long before = kept[0];
    assertEquals(0, counter.allocatedBy(periods), "bytes allocated by 2000 periods");
    assertEquals(2_000, kept[0] - before, "every sample copied in and drained");
    assertEquals(0, ring.dropped());
  }
}
