package io.engram.bridge.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import io.engram.config.ActiveLevel;
import io.engram.config.GpioConfig;
import io.engram.config.GpioInputConfig;
import io.engram.config.GpioOutputConfig;
import io.engram.config.GpioProvider;
import io.engram.config.PinPull;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Pi4J safety I/O on Pi4J's mock platform: pins, levels, debounce, latch and fail-safe. */
class Pi4jSafetyIoTest {

  private static final long MS = 1_000_000L;
  private Context context;
  /** The clock the safety I/O times e-stop edges with. */
  private long now = 1_000 * MS;

  @BeforeEach
  void context() {
    context = Pi4J.newContextBuilder()
        .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
        .build();
  }

  @AfterEach
  void shutdown() {
    context.shutdown();
  }

  private Pi4jSafetyIo io(ActiveLevel estopActive, ActiveLevel enableActive) {
    GpioConfig cfg = new GpioConfig(GpioProvider.PI4J,
        new GpioInputConfig(17, estopActive, PinPull.UP, Duration.ofMillis(5)),
        new GpioOutputConfig(27, enableActive),
        Optional.of(new GpioOutputConfig(22, ActiveLevel.HIGH)));
    return new Pi4jSafetyIo(context, cfg, MockDigitalInputProvider.ID,
        MockDigitalOutputProvider.ID, false, () -> now);
  }

  private static void level(Pi4jSafetyIo io, DigitalState s) {
    ((MockDigitalInput) io.estopInput()).mockState(s);
  }

  @Test
  void motorEnableStartsLowAndFollowsTheActiveLevel() {
    Pi4jSafetyIo io = io(ActiveLevel.HIGH, ActiveLevel.LOW);
    level(io, DigitalState.LOW);
    assertEquals(DigitalState.HIGH, io.motorEnableOutput().state(), "active-low: de-asserted");
    io.motorEnable(true);
    assertTrue(io.motorEnabled());
    assertEquals(DigitalState.LOW, io.motorEnableOutput().state());
    io.close();
    assertEquals(DigitalState.HIGH, io.motorEnableOutput().state(), "de-asserted on close");
  }

  @Test
  void anEstopEdgeCutsTheMotorsAtOnceAndLatchesAfterTheDebounce() {
    Pi4jSafetyIo io = io(ActiveLevel.HIGH, ActiveLevel.HIGH);
    level(io, DigitalState.LOW);
    assertFalse(io.estopLatched(now));
    io.motorEnable(true);
    assertEquals(DigitalState.HIGH, io.motorEnableOutput().state());

    level(io, DigitalState.HIGH);
    assertEquals(DigitalState.LOW, io.motorEnableOutput().state(), "cut on the edge");
    io.motorEnable(true);
    assertFalse(io.motorEnabled(), "refused while asserted");
    assertFalse(io.estopLatched(now + 4 * MS), "not yet held for the debounce time");
    assertTrue(io.estopLatched(now + 6 * MS));

    now += 20 * MS;
    level(io, DigitalState.LOW);
    assertTrue(io.estopLatched(now), "latched after release");
    io.motorEnable(true);
    assertFalse(io.motorEnabled(), "refused while latched");
    assertTrue(io.resetEstop(now));
    io.motorEnable(true);
    assertTrue(io.motorEnabled());
    io.close();
  }

  @Test
  void aGlitchCutsTheMotorsButDoesNotLatch() {
    Pi4jSafetyIo io = io(ActiveLevel.LOW, ActiveLevel.HIGH);
    level(io, DigitalState.HIGH);
    io.motorEnable(true);
    level(io, DigitalState.LOW);
    now += 2 * MS;
    level(io, DigitalState.HIGH);
    assertFalse(io.motorEnabled(), "any assertion cuts the power");
    assertFalse(io.estopLatched(now + 50 * MS), "2 ms is shorter than the 5 ms debounce");
    io.motorEnable(true);
    assertTrue(io.motorEnabled());
    io.close();
  }

  @Test
  void aPressHeldForTheDebounceBetweenTwoPollsLatches() {
    Pi4jSafetyIo io = io(ActiveLevel.LOW, ActiveLevel.HIGH);
    level(io, DigitalState.HIGH);
    level(io, DigitalState.LOW);
    now += 7 * MS;
    level(io, DigitalState.HIGH);
    assertTrue(io.estopLatched(now + MS), "the edges saw a 7 ms press");
    io.close();
  }

  @Test
  void statusLedShowsRunningAndOff() {
    Pi4jSafetyIo io = io(ActiveLevel.HIGH, ActiveLevel.HIGH);
    io.status(StatusLight.RUNNING);
    assertEquals(DigitalState.HIGH, io.statusLedOutput().state());
    io.status(StatusLight.OFF);
    assertEquals(DigitalState.LOW, io.statusLedOutput().state());
    io.close();
  }
}
