package io.engram.bridge.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.GpioConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedSafetyIoTest {
  private static final long MS = 1_000_000L;

  @Test
  void motorPowerFollowsTheOutputAndTheLatchOverridesIt() {
    SimulatedSafetyIo io = new SimulatedSafetyIo(GpioConfig.defaults());
    List<Boolean> power = new ArrayList<>();
    io.onMotorPower(power::add);
    io.motorEnable(true);
    io.estopButton(true, 0);
    assertTrue(io.motorEnabled(), "not latched before the debounce");
    assertTrue(io.estopLatched(5 * MS));
    assertFalse(io.motorEnabled());
    io.motorEnable(true);
    assertFalse(io.motorEnabled());
    io.estopButton(false, 10 * MS);
    assertTrue(io.resetEstop(11 * MS));
    io.motorEnable(true);
    io.close();
    assertEquals(List.of(false, true, false, true, false), power);
  }

  @Test
  void theFactoryChoosesTheSimulatedBoardByDefault() {
    assertTrue(SafetyIoFactory.create(GpioConfig.defaults()) instanceof SimulatedSafetyIo);
  }
}
