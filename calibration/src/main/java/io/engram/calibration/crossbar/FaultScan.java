package io.engram.calibration.crossbar;

import io.engram.crossbar.CrossbarArray;
import io.engram.pcm.DeviceFault;
import java.util.BitSet;

/**
 * Finds the stuck devices of an array with its SET/RESET probe scan ({@link
 * CrossbarArray#scanFaults}: every device written to Gmax and read, then to 0 and read) and
 * returns the fault map for the calibration file. The scan leaves the array's working devices at
 * 0 and its weights mapped around the stuck ones from the next programming on.
 */
public final class FaultScan {

  /**
   * The fault map found.
   *
   * @param stuckSet device numbers stuck at SET
   * @param stuckReset device numbers stuck at RESET
   * @param reads probe reads taken
   */
  public record Result(BitSet stuckSet, BitSet stuckReset, long reads) {

    public int[] stuckSetArray() {
      return stuckSet.stream().toArray();
    }

    public int[] stuckResetArray() {
      return stuckReset.stream().toArray();
    }
  }

  private FaultScan() {}

  public static Result scan(CrossbarArray array) {
    array.scanFaults();
    long devices = (long) array.rows() * array.columns() * array.devicesPerCell();
    return new Result(array.knownFaults(DeviceFault.STUCK_SET),
        array.knownFaults(DeviceFault.STUCK_RESET), 2 * devices);
  }
}
