package io.engram.bridge.safety;

import io.engram.config.GpioConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Safety I/O for machines without GPIO: the e-stop is a button a test or an operator presses in
 * software, and the motor-enable output notifies listeners (the emulated arm's motor power). It
 * follows the same debounce and latch rules as the board.
 */
public final class SimulatedSafetyIo implements SafetyIo {

  private final EstopLatch latch;
  private final List<Consumer<Boolean>> motorPowerListeners = new CopyOnWriteArrayList<>();
  private boolean pressed;
  private long pressedAt;
  private boolean motorEnable;
  private StatusLight light = StatusLight.OFF;

  public SimulatedSafetyIo(GpioConfig config) {
    this.latch = new EstopLatch(config.estop().debounce().toNanos());
  }

  /** Notifies {@code listener} of every motor-enable change, starting with the current level. */
  public void onMotorPower(Consumer<Boolean> listener) {
    motorPowerListeners.add(listener);
    listener.accept(motorEnabled());
  }

  /** Presses (asserts) or releases the simulated e-stop button at {@code nowNanos}. */
  public synchronized void estopButton(boolean press, long nowNanos) {
    pressed = press;
    pressedAt = nowNanos;
    latch.sample(press, nowNanos);
    if (latch.latched()) {
      setMotorEnable(false);
    }
  }

  public synchronized boolean estopButton() {
    return pressed;
  }

  @Override
  public synchronized boolean estopLatched(long nowNanos) {
    boolean latched = latch.sample(pressed, Math.max(nowNanos, pressedAt));
    if (latched && motorEnable) {
      setMotorEnable(false);
    }
    return latched;
  }

  @Override
  public synchronized boolean resetEstop(long nowNanos) {
    latch.sample(pressed, Math.max(nowNanos, pressedAt));
    return latch.reset();
  }

  @Override
  public synchronized void motorEnable(boolean on) {
    setMotorEnable(on && !latch.latched());
  }

  private void setMotorEnable(boolean on) {
    if (on == motorEnable) {
      return;
    }
    motorEnable = on;
    for (Consumer<Boolean> l : motorPowerListeners) {
      l.accept(on);
    }
  }

  @Override
  public synchronized boolean motorEnabled() {
    return motorEnable;
  }

  @Override
  public synchronized void status(StatusLight light) {
    this.light = light;
  }

  public synchronized StatusLight status() {
    return light;
  }

  @Override
  public synchronized void close() {
    setMotorEnable(false);
    light = StatusLight.OFF;
  }
}
