package io.engram.pcm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.CrossbarPreset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeviceWriterTest {

  @Test
  void singleShotSpendsOnePulsePerWrite() {
    DeviceWriter w =
        new DeviceWriter(PcmDeviceModel.of(CrossbarPreset.PCM), ProgramVerify.SINGLE_SHOT, new SplittableRandom(1));
    for (int i = 0; i < 100; i++) {
      w.write(10, DeviceFault.NONE);
    }
    assertEquals(100, w.pulses());
    assertEquals(0, w.unverified());
  }

  @Test
  void verifyRetriesUntilTheReadIsWithinTolerance() {
    DeviceWriter w =
        new DeviceWriter(
            PcmDeviceModel.of(PcmParams.of(1, 0, 0)), new ProgramVerify(400, 0.1), new SplittableRandom(2));
    for (int i = 0; i < 1000; i++) {
      assertEquals(10, w.write(10, DeviceFault.NONE), 0.1);
    }
    // sigma_p(0.4) = 0.86 uS: P(|error| <= 0.1) is about 0.09, so about 11 pulses per write.
    assertEquals(11, w.pulses() / 1000.0, 2);
    assertEquals(0, w.unverified());
  }

  @Test
  void aStuckDeviceExhaustsItsPulsesAndKeepsItsState() {
    DeviceWriter w =
        new DeviceWriter(PcmDeviceModel.of(CrossbarPreset.PCM), new ProgramVerify(5, 0.5), new SplittableRandom(3));
    assertEquals(25, w.write(10, DeviceFault.STUCK_SET), 0);
    assertEquals(0, w.write(10, DeviceFault.STUCK_RESET), 0);
    assertEquals(10, w.pulses());
    assertEquals(2, w.unverified());
  }

  @Test
  void targetsBeyondTheRangeAreClipped() {
    DeviceWriter w =
        new DeviceWriter(PcmDeviceModel.of(CrossbarPreset.IDEAL), ProgramVerify.SINGLE_SHOT, new SplittableRandom(4));
    assertEquals(25, w.write(30, DeviceFault.NONE), 0);
    assertEquals(0, w.write(-3, DeviceFault.NONE), 0);
    assertTrue(w.pulses() == 2);
  }
}
