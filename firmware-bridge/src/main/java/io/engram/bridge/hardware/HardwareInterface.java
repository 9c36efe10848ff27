package io.engram.bridge.hardware;

import java.util.List;

/**
 * A robot arm as a hardware component in the ros2_control manner: a lifecycle, and a cyclic
 * {@link #read} into named joint state handles and {@link #write} from named command handles, so
 * controllers never see the bus. {@code read} and {@code write} do not allocate and never throw;
 * whatever goes wrong is a {@link Health} value, and in {@link LifecycleState#ACTIVE} anything
 * that is not safe to move on stops the arm (zero velocity, motors disabled, motor-enable output
 * off) and moves the component to {@link LifecycleState#ERROR} before {@code read} returns.
 */
public interface HardwareInterface extends AutoCloseable {

  LifecycleState state();

  /** Connects to the arm and checks that it matches the configuration: UNCONFIGURED to INACTIVE. */
  void configure() throws HardwareException;

  /** Powers and enables the motors at zero velocity: INACTIVE to ACTIVE. */
  void activate() throws HardwareException;

  /** Stops and disables the motors: ACTIVE to INACTIVE. Never throws. */
  void deactivate();

  /**
   * Clears the arm's latched faults after an ERROR: ERROR to INACTIVE. Fails while the e-stop is
   * latched and its input still asserted.
   */
  void recover() throws HardwareException;

  /** Disables the motors and closes the link: any state to FINALIZED. Never throws. */
  void shutdown();

  /** Joint names in the configuration's order. */
  List<String> jointNames();

  JointStateHandle stateHandle(String joint);

  JointCommandHandle commandHandle(String joint);

  /** Reads every joint into its state handle and checks the safety inputs. */
  Health read(long nowNanos);

  /** Sends the command handles' set-points (only while ACTIVE). */
  void write(long nowNanos);

  /** Why the component entered ERROR, or an empty string. */
  String errorReason();

  /** Counters of what happened on the link and at the limits. */
  HardwareStats stats();

  @Override
  default void close() {
    shutdown();
  }
}
