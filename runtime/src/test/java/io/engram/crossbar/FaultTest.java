package io.engram.crossbar;

import static io.engram.crossbar.CrossbarFixture.array;
import static io.engram.crossbar.CrossbarFixture.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.pcm.DeviceFault;
import io.engram.pcm.PcmParams;
import org.junit.jupiter.api.Test;

/** Stuck devices hold their state whatever is programmed, and a stuck SET device never drifts. */
class FaultTest {

  private static final CrossbarParams ONE_PAIR =
      CrossbarParams.chip().withPairFactors(1).withPeriphery(new Periphery(8, 0, 1, 0));

  @Test
  void faultsAreDrawnAtTheirRates() {
    CrossbarArray xbar = array(255, 250, CrossbarParams.chip(), PcmParams.of(1, 1, 1).withFaultRate(0.01), 3);
    double devices = 255 * 250 * 4;
    double stuck = xbar.stuckDevices();
    assertEquals(0.01, stuck / devices, 5 * Math.sqrt(0.01 * 0.99 / devices));
    long set = 0;
    for (int r = 0; r < 255; r++) {
      for (int c = 0; c < 250; c++) {
        for (int d = 0; d < 4; d++) {
          set += xbar.fault(r, c, d) == DeviceFault.STUCK_SET ? 1 : 0;
        }
      }
    }
    assertEquals(0.5, set / stuck, 5 * Math.sqrt(0.25 / stuck));
  }

  @Test
  void stuckDevicesKeepTheirConductanceAndNeverDrift() {
    int rows = 60;
    int cols = 50;
    double[] w = weights(rows, cols, 8);
    // Drift only, so the conductances are deterministic; many faults to see every case.
    PcmParams device = PcmParams.of(0, 0, 1).withStuckRates(0.1, 0.1);
    CrossbarArray xbar = array(rows, cols, ONE_PAIR, device, 4);
    xbar.program(w);
    double[] delta = new double[w.length];
    for (int i = 0; i < w.length; i += 2) {
      delta[i] = 0.1;
    }
    xbar.update(delta);
    xbar.clock().advance(86_400);
    double[] back = new double[w.length];
    xbar.read(back);
    int checked = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int i = r * cols + c;
        double target = w[i] + delta[i];
        double wMax = xbar.weightMax(c);
        DeviceFault plus = xbar.fault(r, c, 0);
        DeviceFault minus = xbar.fault(r, c, 1);
        if (plus == DeviceFault.NONE && minus == DeviceFault.NONE) {
          continue;
        }
        // A working device has only lost conductance after a day; a stuck one has not changed.
        double gp = stuck(plus, Math.max(target, 0), wMax);
        double gm = stuck(minus, Math.max(-target, 0), wMax);
        if (!Double.isNaN(gp) && !Double.isNaN(gm)) {
          assertEquals(gp - gm, back[i], 1e-4, "cell " + r + "," + c);
          checked++;
        } else if (!Double.isNaN(gp)) {
          double m = Math.max(-target, 0);
          assertTrue(back[i] <= gp + 1e-4 && back[i] >= gp - m - 1e-4, "cell " + r + "," + c);
          checked++;
        }
      }
    }
    assertTrue(checked > 200, "checked " + checked);
  }

  /** The weight-unit conductance of a stuck device, NaN for a working one. */
  private static double stuck(DeviceFault f, double target, double wMax) {
    return switch (f) {
      case STUCK_SET -> wMax;
      case STUCK_RESET -> 0;
      case NONE -> Double.NaN;
    };
  }

  @Test
  void aScanFindsExactlyTheStuckDevices() {
    CrossbarArray xbar =
        array(100, 80, CrossbarParams.chip(), PcmParams.of(1, 1, 1).withFaultRate(0.02), 6);
    long found = xbar.scanFaults();
    assertEquals(xbar.stuckDevices(), found);
    assertTrue(found > 500, "found " + found);
  }

  @Test
  void weightsAreMappedAroundKnownStuckDevices() {
    int rows = 100;
    int cols = 80;
    double[] w = weights(rows, cols, 12);
    PcmParams device = PcmParams.of(1, 1, 0).withFaultRate(0.05);
    double[] errors = new double[2];
    for (int scan = 0; scan < 2; scan++) {
      CrossbarArray xbar = array(rows, cols, CrossbarParams.chip(), device, 7);
      if (scan == 1) {
        xbar.scanFaults();
      }
      xbar.program(w);
      double[] back = new double[w.length];
      xbar.read(back);
      double e = 0;
      int n = 0;
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          boolean faulty = false;
          for (int d = 0; d < 4; d++) {
            faulty |= xbar.fault(r, c, d) != DeviceFault.NONE;
          }
          if (faulty) {
            int i = r * cols + c;
            e += (back[i] - w[i]) * (back[i] - w[i]) / (xbar.weightMax(c) * xbar.weightMax(c));
            n++;
          }
        }
      }
      errors[scan] = Math.sqrt(e / n);
    }
    // Unmapped, a stuck SET device adds up to 3/4 w_max; mapped, the other devices cancel it. What
    // stays is where the working devices of the weight's sign cannot hold it (a stuck RESET
    // device of the more significant pair caps the weight at 1/4 w_max).
    assertTrue(errors[0] > 0.3, "unmapped error " + errors[0] + " w_max");
    assertTrue(errors[1] < 0.3 * errors[0], "mapped " + errors[1] + " vs unmapped " + errors[0]);
  }

  @Test
  void anUnusedCellWithADeviceStuckAtSetIsCancelled() {
    java.util.BitSet all = new java.util.BitSet();
    all.set(0, 200);
    PcmParams device = PcmParams.of(0, 0, 0).withStuckRates(0.05, 0);
    CrossbarArray xbar =
        new CrossbarArray(20, 10, ONE_PAIR, io.engram.pcm.PcmDeviceModel.of(device),
            new io.engram.pcm.DeviceClock(), all, 3);
    xbar.scanFaults();
    xbar.program(weights(20, 10, 1));
    double[] back = new double[200];
    xbar.read(back);
    for (double v : back) {
      assertEquals(0, v, 1e-9);
    }
    assertTrue(xbar.knownStuckDevices() > 0);
  }
}
