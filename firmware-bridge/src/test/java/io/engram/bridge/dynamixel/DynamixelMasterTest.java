package io.engram.bridge.dynamixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bridge.emulation.DynamixelFirmware;
import io.engram.bridge.emulation.EmulatedArm;
import io.engram.bridge.emulation.FirmwareRunner;
import io.engram.bridge.link.InMemoryLink;
import io.engram.config.DynamixelConfig;
import io.engram.config.EmulatorConfig;
import io.engram.config.RobotConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The master against the emulated X-series bus: every instruction and the errors servos report. */
class DynamixelMasterTest {

  private EmulatedArm arm;
  private DynamixelFirmware firmware;
  private FirmwareRunner runner;
  private DynamixelMaster master;
  private InMemoryLink device;

  @BeforeEach
  void start() {
    InMemoryLink.Pair pair = InMemoryLink.pair("dxl");
    device = pair.device();
    arm = new EmulatedArm(RobotConfig.edScorbotEr7(),
        new EmulatorConfig(Duration.ofMillis(30), 0, 1));
    firmware = new DynamixelFirmware(arm, pair.device(), DynamixelConfig.xSeries());
    runner = new FirmwareRunner(pair.device(), firmware, "dxl").start();
    // Generous: these tests are about what the servos answer, not how fast, on any machine.
    master = new DynamixelMaster(pair.host(), 500_000_000L);
  }

  @AfterEach
  void stop() {
    runner.close();
    master.link().close();
  }

  @Test
  void pingsReportModelAndFirmware() throws Exception {
    PingReply r = master.ping(3);
    assertEquals(new PingReply(3, ControlTable.MODEL_XM430_W350,
        DynamixelFirmware.FIRMWARE_VERSION), r);
    assertThrows(DynamixelTimeoutException.class, () -> master.ping(42));
    master.timeout(200_000_000L); // a broadcast collects answers for the whole timeout
    List<PingReply> all = master.broadcastPing();
    assertEquals(6, all.size());
    assertEquals(1, all.get(0).id());
    assertEquals(6, all.get(5).id());
  }

  @Test
  void readsAndWritesRegisters() throws Exception {
    assertEquals(1020, master.readUnsigned(1, ControlTable.MODEL_NUMBER, 2));
    master.write(2, ControlTable.GOAL_VELOCITY, 100, 4);
    assertEquals(100, master.readUnsigned(2, ControlTable.GOAL_VELOCITY, 4));
    master.torqueEnable(2, true);
    assertTrue(arm.enabled(1));
    Thread.sleep(100);
    // Present velocity follows the goal through the lag (shoulder counts against the angle).
    long v = master.readUnsigned(2, ControlTable.PRESENT_VELOCITY, 4);
    assertTrue((int) v > 80 && (int) v <= 100, "present velocity " + (int) v);
    assertTrue(arm.velocity(1) < 0, "direction -1: positive units turn the joint negative");
  }

  @Test
  void servosReportTheirErrors() throws Exception {
    master.torqueEnable(1, true);
    DynamixelStatusException e = assertThrows(DynamixelStatusException.class,
        () -> master.write(1, ControlTable.OPERATING_MODE, 3, 1));
    assertEquals(StatusError.ACCESS, e.error(), "EEPROM is locked while torque is on");
    e = assertThrows(DynamixelStatusException.class,
        () -> master.write(1, ControlTable.PRESENT_POSITION, 0, 4));
    assertEquals(StatusError.ACCESS, e.error(), "present values are read-only");
    e = assertThrows(DynamixelStatusException.class,
        () -> master.write(1, ControlTable.GOAL_VELOCITY, 100_000, 4));
    assertEquals(StatusError.DATA_LIMIT, e.error(), "beyond the velocity limit");
    e = assertThrows(DynamixelStatusException.class,
        () -> master.read(1, 140, 20, new byte[20]));
    assertEquals(StatusError.DATA_RANGE, e.error());
  }

  @Test
  void powerLossRaisesTheHardwareAlertUntilReboot() throws Exception {
    master.torqueEnable(4, true);
    arm.motorPower(false);
    Thread.sleep(20);
    DynamixelStatusException e = assertThrows(DynamixelStatusException.class,
        () -> master.torqueEnable(4, true));
    assertTrue(e.alert());
    assertEquals(ControlTable.HW_INPUT_VOLTAGE,
        master.readUnsigned(4, ControlTable.HARDWARE_ERROR_STATUS, 1));
    arm.motorPower(true);
    master.reboot(4);
    assertEquals(0, master.readUnsigned(4, ControlTable.HARDWARE_ERROR_STATUS, 1));
    master.torqueEnable(4, true);
    assertTrue(arm.enabled(3));
  }

  @Test
  void syncReadAndSyncWriteMoveEveryJoint() throws Exception {
    int[] ids = {1, 2, 3, 4, 5, 6};
    int[] one = {1, 1, 1, 1, 1, 1};
    int[] goals = {50, -50, 20, 0, 0, 0};
    master.syncWrite(ControlTable.GOAL_VELOCITY, 4, ids, 6, goals);
    master.syncWrite(ControlTable.TORQUE_ENABLE, 1, ids, 6, one);
    Thread.sleep(200);
    byte[] out = new byte[60];
    int[] err = new int[6];
    boolean[] got = new boolean[6];
    assertEquals(6, master.syncRead(ControlTable.PRESENT_BLOCK,
        ControlTable.PRESENT_BLOCK_LENGTH, ids, 6, out, err, got));
    assertArrayEquals(new boolean[] {true, true, true, true, true, true}, got);
    for (int k = 0; k < 6; k++) {
      assertEquals(goals[k], DynamixelCodec.signed(out, k * 10 + 2, 4), 2, "joint " + k);
      assertEquals(0, err[k]);
    }
    // Stopped, the positions read in one SYNC_READ are the servos' registers.
    master.syncWrite(ControlTable.TORQUE_ENABLE, 1, ids, 6, new int[6]);
    Thread.sleep(300);
    master.syncRead(ControlTable.PRESENT_BLOCK, ControlTable.PRESENT_BLOCK_LENGTH, ids, 6, out,
        err, got);
    for (int k = 0; k < 6; k++) {
      assertEquals(firmware.register(ids[k], ControlTable.PRESENT_POSITION, 4),
          DynamixelCodec.signed(out, k * 10 + 6, 4), 1, "joint " + k);
    }
    assertTrue(DynamixelCodec.signed(out, 6, 4) > 5, "the base moved");
    // One id that does not exist: the others still answer, the transaction reports it.
    int[] withGhost = {1, 99};
    assertEquals(1, master.syncRead(ControlTable.PRESENT_POSITION, 4, withGhost, 2, out, err,
        got));
    assertFalse(got[1]);
    assertEquals(1, master.timeouts());
  }

  /**
   * Late answers already waiting are discarded before a transaction; one arriving during it is
   * told apart by its length where it differs (Protocol 2.0 has no sequence numbers).
   */
  @Test
  void aLateAnswerToAnEarlierTransactionIsNotTakenForTheCurrentOne() throws Exception {
    // The 1-byte answer, with the hardware alert, to a READ that timed out long ago.
    byte[] stale = new byte[16];
    int n = DynamixelCodec.status(1, StatusError.ALERT_BIT, new byte[] {1}, 0, 1, stale);
    device.write(stale, 0, n);
    int[] ids = {1, 2, 3, 4, 5, 6};
    byte[] out = new byte[60];
    int[] err = new int[6];
    boolean[] got = new boolean[6];
    assertEquals(6, master.syncRead(ControlTable.PRESENT_BLOCK,
        ControlTable.PRESENT_BLOCK_LENGTH, ids, 6, out, err, got));
    assertEquals(0, err[0], "the servo's own answer, without the alert");
    device.write(stale, 0, n);
    assertEquals(0, master.readUnsigned(1, ControlTable.TORQUE_ENABLE, 1));
    device.write(stale, 0, n);
    master.write(1, ControlTable.LED, 1, 1); // a WRITE answers with no parameters
    assertEquals(1, master.readUnsigned(1, ControlTable.LED, 1));
  }

  @Test
  void registeredWriteWaitsForAction() throws Exception {
    byte[] p = new byte[6];
    DynamixelCodec.put(p, 0, ControlTable.GOAL_VELOCITY, 2);
    DynamixelCodec.put(p, 2, 77, 4);
    byte[] tx = new byte[32];
    int n = DynamixelCodec.instruction(5, Instruction.REG_WRITE, p, 0, 6, tx);
    master.link().write(tx, 0, n);
    Thread.sleep(20);
    master.link().drainInput();
    assertEquals(0, master.readUnsigned(5, ControlTable.GOAL_VELOCITY, 4));
    n = DynamixelCodec.instruction(Instruction.BROADCAST_ID, Instruction.ACTION, p, 0, 0, tx);
    master.link().write(tx, 0, n);
    Thread.sleep(20);
    assertEquals(77, master.readUnsigned(5, ControlTable.GOAL_VELOCITY, 4));
  }
}
