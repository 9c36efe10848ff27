package io.engram.crossbar;

import io.engram.config.ReadNoiseMode;
import io.engram.config.calibration.CrossbarCalibration;
import io.engram.config.calibration.FaultRemedy;
import io.engram.pcm.DeviceClock;
import io.engram.pcm.DeviceFault;
import io.engram.pcm.DeviceWriter;
import io.engram.pcm.PcmDeviceModel;
import io.engram.synapse.SynapticMatrix;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A PCM crossbar array in fixed point holding a signed weight per cell as differential pairs of
 * devices (docs/crossbar.md gives the number format).
 *
 * <p>Device conductances are unsigned integer codes ({@code Gmax = 2^conductanceBits - 1}). A cell
 * holds {@code sum_k f_k (G+_k - G-_k)} ({@link CellEncoder}); its weight is that over the column's
 * scale. Products are
 * event-driven: each active row adds its cells, read through the device model (drift at the clock's
 * time, read noise exact or fast), into 64-bit column accumulators in units of DAC code times
 * conductance code; the column ADC converts them with round-half-even, and a per-column digital
 * factor (the chip's per-column affine correction) undoes the scale and applies drift compensation.
 *
 * <p>Devices age on an explicit {@link DeviceClock}: a product reads the devices as they are at the
 * clock's current time. Drift compensation takes its reference right after every programming
 * operation and its probe read when it first sees the clock moved. Not thread-safe: one array per
 * thread. Products do not allocate.
 *
 * <p>A calibration ({@link #applyCalibration}, made by the calibration module) brings a known
 * fault map, optional digital patches of the cells with stuck devices, and a per-column affine
 * correction of the outputs.
 */
public final class CrossbarArray implements SynapticMatrix {

  /** Probe reads averaged per device when the digital patches are refreshed. */
  private static final int PATCH_READS = 8;
  /** Spacing of the seeds of numbered noise streams (the golden-ratio increment). */
  private static final long STREAM_GAMMA = 0x9E3779B97F4A7C15L;

  private final int rows;
  private final int cols;
  private final int pairs;
  private final int devicesPerCell;
  private final int[] factor;
  private final CellEncoder encoder;
  private final CrossbarParams params;
  private final PcmDeviceModel model;
  private final DeviceClock clock;
  private final long seed;
  private final BitSet unused;
  private DeviceWriter writer;
  private RandomGenerator programRng;
  private RandomGenerator readRng;

  private final int gMaxCode;
  private final double codesPerMicroSiemens;
  private final int dacMax;
  private final ColumnAdc adc;
  private final double outputNoiseSigma;
  private final boolean readNoiseOn;
  private final boolean fastNoise;

  // Host side: the weights the array is meant to hold, and each column's codes per weight unit.
  private final double[] target;
  private final double[] scale;

  // Per device, index (cell * devicesPerCell + 2 k + (0 for G+, 1 for G-)).
  private final int[] targetCode;
  private final int[] programmedCode;
  private final float[] nu;
  private final double[] programmedAt;
  private final DeviceFault[] fault;
  private final DeviceFault[] knownFault;
  private final int[] gNow;
  private final float[] readSigma;

  // Per cell, at the cached time: noiseless cell code, and the fast mode's mean and variance.
  private final int[] cellCode;
  private final int[] fastMean;
  private final float[] fastVar;

  // Per column: drift compensation, probe sums and the digital output factor.
  private final DriftCompensator compensator;
  private final double[] probe;
  private final double[] outFactor;
  private long knownStuck;

  private final long[] acc;
  private final double[] varAcc;
  private final int[] denseRows;
  private final int[] denseCodes;
  private final int[] cellCodes;

  // Calibration: the per-column affine output correction, and digital patches of the cells with
  // known stuck devices: grouped by row (CSR), the analog value measured at the last refresh and
  // the correction added for each active row.
  private final double[] columnGain;
  private final double[] columnOffset;
  private boolean patching;
  private int[] patchRowStart;
  private int[] patchCells;
  private double[] patchMeasured;
  private double[] patchValue;

  private double stateTime = Double.NaN;
  private ProgrammingReport lastReport = ProgrammingReport.NONE;

  /**
   * An array of {@code rows x columns} cells, every device unprogrammed (conductance 0).
   *
   * @param unusedCells cells (row-major index) never programmed and left at 0, such as autapses;
   *     null for none. A stuck-at-SET device in such a cell still conducts.
   * @param seed seeds the fault map and, as stream 0 (see {@link #reseed}), the programming and
   *     read noise
   */
  public CrossbarArray(
      int rows,
      int columns,
      CrossbarParams params,
      PcmDeviceModel model,
      DeviceClock clock,
      BitSet unusedCells,
      long seed) {
    if (rows < 1 || columns < 1) {
      throw new IllegalArgumentException("an array needs at least one row and one column");
    }
    if (rows > params.tileRows() || columns > params.tileColumns()) {
      throw new IllegalArgumentException(
          "a "
              + rows
              + " x "
              + columns
              + " matrix does not fit one "
              + params.tileRows()
              + " x "
              + params.tileColumns()
              + " tile");
    }
    this.rows = rows;
    this.cols = columns;
    this.params = params;
    this.model = model;
    this.clock = clock;
    this.pairs = params.pairsPerWeight();
    this.devicesPerCell = 2 * pairs;
    this.factor = new int[pairs];
    for (int k = 0; k < pairs; k++) {
      factor[k] = params.pairFactor(k);
    }
    this.unused = unusedCells == null ? new BitSet() : (BitSet) unusedCells.clone();
    this.seed = seed;
    RandomGenerator faultRng = new SplittableRandom(seed).split();
    reseed(0);

    this.gMaxCode = (1 << params.conductanceBits()) - 1;
    this.encoder = new CellEncoder(factor, gMaxCode);
    this.codesPerMicroSiemens = gMaxCode / model.gMax();
    Periphery io = params.periphery();
    this.dacMax = io.dacMax();
    long fullCell = (long) params.factorSum() * gMaxCode * dacMax;
    // Headroom of 8 full cells per row covers read noise pushing devices above Gmax.
    double maxAcc = 8.0 * fullCell * rows;
    if (maxAcc * Math.max(io.adcMax(), 1) > 0x1p62) {
      throw new IllegalArgumentException(
          "conductance, DAC and ADC resolutions overflow the 64-bit column accumulator");
    }
    this.adc = new ColumnAdc(io.adcMax(), Math.max(1, Math.round(io.adcRange() * fullCell)));
    this.outputNoiseSigma = io.outputNoise() * fullCell;
    this.readNoiseOn = model.params().readNoiseScale() > 0;
    this.fastNoise = readNoiseOn && params.readNoise() == ReadNoiseMode.FAST;

    int cells = rows * columns;
    int devices = cells * devicesPerCell;
    this.target = new double[cells];
    this.scale = new double[columns];
    this.targetCode = new int[devices];
    this.programmedCode = new int[devices];
    this.nu = new float[devices];
    this.programmedAt = new double[devices];
    this.fault = new DeviceFault[devices];
    this.knownFault = new DeviceFault[devices];
    this.gNow = new int[devices];
    this.readSigma = new float[devices];
    this.cellCode = new int[cells];
    this.fastMean = new int[cells];
    this.fastVar = new float[cells];
    this.compensator = new DriftCompensator(params.compensation(), columns);
    this.probe = new double[columns];
    this.outFactor = new double[columns];
    this.columnGain = new double[columns];
    this.columnOffset = new double[columns];
    Arrays.fill(columnGain, 1);
    this.acc = new long[columns];
    this.varAcc = new double[columns];
    this.denseRows = new int[rows];
    this.denseCodes = new int[rows];
    this.cellCodes = new int[devicesPerCell];
    Arrays.fill(scale, params.factorSum() * (double) gMaxCode);
    Arrays.fill(knownFault, DeviceFault.NONE);
    for (int d = 0; d < devices; d++) {
      fault[d] = model.drawFault(faultRng);
    }
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int columns() {
    return cols;
  }

  public CrossbarParams params() {
    return params;
  }

  public PcmDeviceModel model() {
    return model;
  }

  public DeviceClock clock() {
    return clock;
  }

  /** What the last {@link #program} or {@link #update} did. */
  public ProgrammingReport lastProgramming() {
    return lastReport;
  }

  /** Devices of the array that are stuck (fixed when the array is made). */
  public long stuckDevices() {
    long n = 0;
    for (DeviceFault f : fault) {
      n += f == DeviceFault.NONE ? 0 : 1;
    }
    return n;
  }

  /** Devices per cell: 2 per differential pair. */
  public int devicesPerCell() {
    return devicesPerCell;
  }

  /**
   * The permanent state of a device: {@code device} 2k is G+ of pair k (0 = least significant),
   * 2k + 1 its G-.
   */
  public DeviceFault fault(int row, int column, int device) {
    if (device < 0 || device >= devicesPerCell) {
      throw new IndexOutOfBoundsException("device " + device + " of " + devicesPerCell);
    }
    return fault[(row * cols + column) * devicesPerCell + device];
  }

  /** The weight a fully programmed cell of column {@code c} holds ({@code w_max}). */
  public double weightMax(int column) {
    return params.factorSum() * (double) gMaxCode / scale[column];
  }

  /** The current drift-compensation factor of a column (1 without compensation). */
  public double compensation(int column) {
    refresh();
    return compensator.alpha(column);
  }

  @Override
  public long program(double[] weights) {
    requireCells(weights);
    for (int i = 0; i < target.length; i++) {
      target[i] = unused.get(i) ? 0 : weights[i];
    }
    chooseScale();
    // A full programming restarts the age of every device, written or not: what a product reads
    // never depends on what ran on the array before.
    Arrays.fill(programmedAt, clock.now());
    long devices = 0;
    long pulsesBefore = writer.pulses();
    long unverifiedBefore = writer.unverified();
    long cellsWritten = 0;
    long saturated = 0;
    double now = clock.now();
    for (int cell = 0; cell < target.length; cell++) {
      if (skipped(cell)) {
        continue;
      }
      int base = cell * devicesPerCell;
      saturated += encode(cell, cellCodes) ? 1 : 0;
      System.arraycopy(cellCodes, 0, targetCode, base, devicesPerCell);
      for (int d = base, end = base + devicesPerCell; d < end; d++) {
        if (knownFault[d] == DeviceFault.NONE) {
          writeDevice(d, now);
          devices++;
        }
      }
      cellsWritten++;
    }
    stateTime = Double.NaN;
    return finishProgramming(cellsWritten, devices, pulsesBefore, unverifiedBefore, saturated);
  }

  @Override
  public long update(double[] delta) {
    requireCells(delta);
    long pulsesBefore = writer.pulses();
    long unverifiedBefore = writer.unverified();
    long devices = 0;
    long cellsWritten = 0;
    long saturated = 0;
    double now = clock.now();
    boolean incremental = stateTime == now;
    int[] newCodes = cellCodes;
    for (int cell = 0; cell < target.length; cell++) {
      double dw = delta[cell];
      if (dw == 0 || unused.get(cell)) {
        continue;
      }
      target[cell] += dw;
      int base = cell * devicesPerCell;
      boolean sat = encode(cell, newCodes);
      boolean written = false;
      for (int k = 0; k < devicesPerCell; k++) {
        if (newCodes[k] != targetCode[base + k]) {
          targetCode[base + k] = newCodes[k];
          writeDevice(base + k, now);
          if (incremental) {
            refreshDevice(base + k, now);
          }
          devices++;
          written = true;
        }
      }
      if (written) {
        cellsWritten++;
        saturated += sat ? 1 : 0;
        if (incremental) {
          refreshCell(cell);
        }
      }
    }
    if (!incremental) {
      stateTime = Double.NaN;
    }
    return finishProgramming(cellsWritten, devices, pulsesBefore, unverifiedBefore, saturated);
  }

  /** Advances the array's clock: the devices age by {@code seconds}. */
  @Override
  public void elapse(double seconds) {
    clock.advance(seconds);
  }

  /**
   * Restarts the programming and read noise at stream {@code stream} of the seed. The fault map is
   * a property of the chip and stays.
   */
  @Override
  public void reseed(long stream) {
    SplittableRandom root = new SplittableRandom(seed + STREAM_GAMMA * (stream + 1));
    programRng = root.split();
    readRng = root.split();
    writer = new DeviceWriter(model, params.programVerify(), programRng);
  }

  @Override
  public void accumulateRows(int[] activeRows, int count, double[] out) {
    refresh();
    accumulate(activeRows, null, count);
    emit(out);
    emitPatches(activeRows, null, count, out);
  }

  /**
   * Adds the product of the matrix with a dense input vector ({@code input[r]} in [-1, 1] per row,
   * clipped) to {@code out}. Inputs pass the row DACs (round half to even); rows whose code is 0
   * draw no current and no noise.
   */
  public void multiply(double[] input, double[] out) {
    if (input.length != rows) {
      throw new IllegalArgumentException("expected " + rows + " inputs, got " + input.length);
    }
    refresh();
    int n = 0;
    for (int r = 0; r < rows; r++) {
      double x = Math.max(-1, Math.min(1, input[r]));
      int code = (int) Math.rint(x * dacMax);
      if (code != 0) {
        denseRows[n] = r;
        denseCodes[n] = code;
        n++;
      }
    }
    accumulate(denseRows, denseCodes, n);
    emit(out);
    emitPatches(denseRows, denseCodes, n, out);
  }

  /**
   * Writes the weights the devices hold now (drift at the clock's time, compensation applied,
   * without read noise or ADC quantisation), row-major.
   */
  @Override
  public void read(double[] out) {
    requireCells(out);
    refresh();
    for (int cell = 0; cell < cellCode.length; cell++) {
      int c = cell % cols;
      out[cell] = cellCode[cell] * compensator.alpha(c) / scale[c];
    }
  }

  // ---- programming -------------------------------------------------------------------------

  private void chooseScale() {
    double full = params.factorSum() * (double) gMaxCode;
    double arrayMax = 0;
    double[] colMax = new double[cols];
    for (int cell = 0; cell < target.length; cell++) {
      double a = Math.abs(target[cell]);
      int c = cell % cols;
      colMax[c] = Math.max(colMax[c], a);
      arrayMax = Math.max(arrayMax, a);
    }
    for (int c = 0; c < cols; c++) {
      double wMax =
          switch (params.weightScale()) {
            case FIXED -> params.wMax();
            case PER_ARRAY -> arrayMax;
            case PER_COLUMN -> colMax[c] > 0 ? colMax[c] : arrayMax;
          };
      scale[c] = full / (wMax > 0 ? wMax : 1);
    }
  }

  /**
   * Sets {@code codes} to the device codes of a cell's target weight ({@link CellEncoder}, around
   * the known-stuck devices; a patched cell only cancels its stuck devices); true when saturated.
   */
  private boolean encode(int cell, int[] codes) {
    int base = cell * devicesPerCell;
    if (patching && knownStuck > 0 && hasKnownFault(cell)) {
      encodePatched(base, codes);
      return false;
    }
    return encoder.encode(
        target[cell] * scale[cell % cols], knownStuck > 0 ? knownFault : null, base, codes);
  }

  /**
   * Finds the stuck devices with a SET/RESET scan, as a calibration run would: every device is
   * programmed to Gmax and read, then to 0 and read; a device that reads below Gmax / 2 after SET
   * is stuck at RESET, one that reads above it after RESET is stuck at SET. From then on every
   * weight is mapped around the stuck devices of its cell (the working devices cancel or complete
   * what the stuck ones contribute), stuck devices are no longer written, and unused cells with a
   * device stuck at SET are programmed to cancel it. Leaves every working device fully RESET (0)
   * until the next {@link #program}.
   *
   * @return the stuck devices found
   */
  public long scanFaults() {
    double now = clock.now();
    double gMax = model.gMax();
    knownStuck = 0;
    for (int d = 0; d < knownFault.length; d++) {
      double set = writer.write(gMax, fault[d]);
      boolean readsLowAfterSet = model.read(set, set, 0, readRng) < gMax / 2;
      double reset = writer.write(0, fault[d]);
      boolean readsHighAfterReset = model.read(reset, reset, 0, readRng) > gMax / 2;
      knownFault[d] =
          readsHighAfterReset
              ? DeviceFault.STUCK_SET
              : readsLowAfterSet ? DeviceFault.STUCK_RESET : DeviceFault.NONE;
      knownStuck += knownFault[d] == DeviceFault.NONE ? 0 : 1;
      targetCode[d] = 0;
      programmedCode[d] = 0;
      nu[d] = 0;
      programmedAt[d] = now;
    }
    stateTime = Double.NaN;
    buildPatchIndex();
    return knownStuck;
  }

  /** Stuck devices found by {@link #scanFaults} or given by {@link #useFaultMap}. */
  public long knownStuckDevices() {
    return knownStuck;
  }

  // ---- calibration hooks -------------------------------------------------------------------

  /**
   * The known stuck devices of one kind ({@link DeviceFault#STUCK_SET} or {@link
   * DeviceFault#STUCK_RESET}), by device number {@code (row * columns + column) * devicesPerCell +
   * d} as in {@link #fault}.
   */
  public BitSet knownFaults(DeviceFault kind) {
    BitSet out = new BitSet();
    for (int d = 0; d < knownFault.length; d++) {
      if (knownFault[d] == kind && kind != DeviceFault.NONE) {
        out.set(d);
      }
    }
    return out;
  }

  /**
   * Takes a fault map found earlier (a calibration file's) instead of scanning: from the next
   * programming on, weights are mapped around these devices as after {@link #scanFaults}.
   */
  public void useFaultMap(BitSet stuckSet, BitSet stuckReset) {
    Arrays.fill(knownFault, DeviceFault.NONE);
    knownStuck = 0;
    for (BitSet map : new BitSet[] {stuckReset, stuckSet}) {
      DeviceFault kind = map == stuckSet ? DeviceFault.STUCK_SET : DeviceFault.STUCK_RESET;
      for (int d = map.nextSetBit(0); d >= 0 && d < knownFault.length; d = map.nextSetBit(d + 1)) {
        knownStuck += knownFault[d] == DeviceFault.NONE ? 1 : 0;
        knownFault[d] = kind;
      }
    }
    buildPatchIndex();
  }

  /** Whether the cell is never programmed (such as an autapse). */
  public boolean isUnused(int row, int column) {
    return unused.get(row * cols + column);
  }

  /**
   * Applies a crossbar calibration made for an array of this shape: its fault map (when its
   * remedy maps weights around stuck devices), its digital patches (when the remedy says so) and
   * its per-column affine correction. Takes effect from the next programming on.
   *
   * @throws IllegalArgumentException if the calibration was made for another array shape
   */
  public void applyCalibration(CrossbarCalibration calibration) {
    if (calibration.rows() != rows || calibration.columns() != cols
        || calibration.devicesPerCell() != devicesPerCell) {
      throw new IllegalArgumentException("the crossbar calibration is for a " + calibration.rows()
          + " x " + calibration.columns() + " x " + calibration.devicesPerCell() + " array, this"
          + " one is " + rows + " x " + cols + " x " + devicesPerCell);
    }
    BitSet set = new BitSet();
    BitSet reset = new BitSet();
    if (calibration.remedy() != FaultRemedy.NONE) {
      for (int d : calibration.stuckSet()) {
        set.set(d);
      }
      for (int d : calibration.stuckReset()) {
        reset.set(d);
      }
    }
    useFaultMap(set, reset);
    patchFaultyCells(calibration.remedy() == FaultRemedy.PAIR_AND_PATCH);
    correctColumns(calibration.columnGain(), calibration.columnOffset());
  }

  /**
   * Corrects the cells with known stuck devices, unused cells included, digitally: whenever the
   * drift reference is refreshed (and after every programming), the devices of those cells are
   * probe-read (averaged over 8 reads), and each product adds, per active row, the difference
   * between the target weight of its patched cells (0 for unused ones) and what their devices were
   * read to hold; the drift probe leaves them out. Their working devices only cancel stuck-at-SET
   * devices and are otherwise left at 0, so a patched cell holds its weight digitally. Takes
   * effect from the next programming on. Off by default.
   */
  public void patchFaultyCells(boolean on) {
    patching = on;
    buildPatchIndex();
    stateTime = Double.NaN;
    if (patching) {
      refresh();
    }
    updateOutFactors();
  }

  /** Number of cells patched digitally. */
  public int patchedCells() {
    return patching ? patchCells.length : 0;
  }

  /**
   * Sets the per-column affine output correction (the chip's digital column correction): every
   * product's column output becomes {@code gain[c] * output + offset[c]}.
   */
  public void correctColumns(double[] gain, double[] offset) {
    if (gain.length != cols || offset.length != cols) {
      throw new IllegalArgumentException("one gain and one offset per column (" + cols + ")");
    }
    System.arraycopy(gain, 0, columnGain, 0, cols);
    System.arraycopy(offset, 0, columnOffset, 0, cols);
    updateOutFactors();
  }

  /**
   * The drift-compensation reference: per column, the probe read taken right after the last
   * programming (zeros when compensation is off).
   */
  public double[] driftReference() {
    return compensator.reference();
  }

  private void buildPatchIndex() {
    patchRowStart = new int[rows + 1];
    int n = 0;
    int[] cells = new int[target.length];
    if (patching && knownStuck > 0) {
      for (int cell = 0; cell < target.length; cell++) {
        if (hasKnownFault(cell)) {
          cells[n++] = cell;
          patchRowStart[cell / cols + 1]++;
        }
      }
      for (int r = 0; r < rows; r++) {
        patchRowStart[r + 1] += patchRowStart[r];
      }
    }
    patchCells = Arrays.copyOf(cells, n);
    patchMeasured = new double[n];
    patchValue = new double[n];
  }

  /**
   * A patched cell carries its weight digitally; its devices only keep the analog current small:
   * a device stuck at SET is cancelled by its partner (when that works), every other working
   * device is 0, so the read noise of the cell is that of its stuck devices alone.
   */
  private void encodePatched(int base, int[] codes) {
    for (int k = 0; k < pairs; k++) {
      DeviceFault plus = knownFault[base + 2 * k];
      DeviceFault minus = knownFault[base + 2 * k + 1];
      codes[2 * k] = isSet(plus) || (plus == DeviceFault.NONE && isSet(minus)) ? gMaxCode : 0;
      codes[2 * k + 1] = isSet(minus) || (minus == DeviceFault.NONE && isSet(plus)) ? gMaxCode : 0;
    }
  }

  private static boolean isSet(DeviceFault f) {
    return f == DeviceFault.STUCK_SET;
  }

  private boolean hasKnownFault(int cell) {
    for (int d = cell * devicesPerCell, end = d + devicesPerCell; d < end; d++) {
      if (knownFault[d] != DeviceFault.NONE) {
        return true;
      }
    }
    return false;
  }

  /** Probe reads of every device of the patched cells, averaged over {@link #PATCH_READS}. */
  private void readPatches() {
    for (int i = 0; i < patchCells.length; i++) {
      int base = patchCells[i] * devicesPerCell;
      long code = 0;
      for (int read = 0; read < PATCH_READS; read++) {
        for (int k = 0; k < pairs; k++) {
          code += factor[k] * (long) (noisyRead(base + 2 * k) - noisyRead(base + 2 * k + 1));
        }
      }
      patchMeasured[i] = (double) code / PATCH_READS;
    }
  }

  private void updatePatchValues() {
    if (!patching) {
      return;
    }
    for (int i = 0; i < patchCells.length; i++) {
      int cell = patchCells[i];
      int c = cell % cols;
      patchValue[i] =
          target[cell] - patchMeasured[i] * columnGain[c] * compensator.alpha(c) / scale[c];
    }
  }

  /** Adds the patches of the active rows, each driven at {@code codes[i] / dacMax} (null: 1). */
  private void emitPatches(int[] activeRows, int[] codes, int count, double[] out) {
    if (!patching) {
      return;
    }
    for (int i = 0; i < count; i++) {
      int r = activeRows[i];
      double x = codes == null ? 1 : (double) codes[i] / dacMax;
      for (int k = patchRowStart[r], end = patchRowStart[r + 1]; k < end; k++) {
        out[patchCells[k] % cols] += x * patchValue[k];
      }
    }
  }

  private boolean skipped(int cell) {
    if (!unused.get(cell)) {
      return false;
    }
    if (knownStuck > 0) {
      for (int d = cell * devicesPerCell, end = d + devicesPerCell; d < end; d++) {
        if (knownFault[d] == DeviceFault.STUCK_SET) {
          return false;
        }
      }
    }
    return true;
  }

  private void writeDevice(int d, double now) {
    double targetUs = targetCode[d] / codesPerMicroSiemens;
    DeviceFault f = fault[d];
    double g = writer.write(targetUs, f);
    programmedCode[d] = (int) Math.rint(g * codesPerMicroSiemens);
    nu[d] = f == DeviceFault.NONE ? (float) model.driftExponent(targetUs, programRng) : 0f;
    programmedAt[d] = now;
  }

  private long finishProgramming(
      long cells, long devices, long pulsesBefore, long unverifiedBefore, long saturated) {
    lastReport =
        new ProgrammingReport(
            cells,
            devices,
            writer.pulses() - pulsesBefore,
            writer.unverified() - unverifiedBefore,
            saturated);
    compensator.clear();
    if (patching) {
      refresh();
      readPatches();
    }
    if (compensator.enabled()) {
      refresh();
      probe(probe);
      compensator.setReference(probe);
    }
    updateOutFactors();
    return devices;
  }

  // ---- device state at the clock's time ---------------------------------------------------

  private void refresh() {
    double now = clock.now();
    if (now == stateTime) {
      return;
    }
    for (int d = 0; d < gNow.length; d++) {
      refreshDevice(d, now);
    }
    for (int cell = 0; cell < cellCode.length; cell++) {
      refreshCell(cell);
    }
    stateTime = now;
    if (patching) {
      readPatches();
    }
    if (compensator.hasReference()) {
      probe(probe);
      compensator.update(probe);
      updateOutFactors();
    } else {
      updatePatchValues();
    }
  }

  private void refreshDevice(int d, double now) {
    int g;
    double progUs;
    double age = now - programmedAt[d];
    switch (fault[d]) {
      case STUCK_SET -> {
        g = gMaxCode;
        progUs = model.gMax();
      }
      case STUCK_RESET -> {
        g = 0;
        progUs = 0;
      }
      default -> {
        int p = programmedCode[d];
        g = p == 0 ? 0 : (int) Math.rint(p * model.driftFactor(nu[d], age));
        progUs = p / codesPerMicroSiemens;
      }
    }
    gNow[d] = g;
    readSigma[d] = g == 0 ? 0f : (float) (g * model.readNoiseRelativeSigma(progUs, age));
  }

  private void refreshCell(int cell) {
    int base = cell * devicesPerCell;
    int code = 0;
    double mean = 0;
    double var = 0;
    for (int k = 0; k < pairs; k++) {
      int f = factor[k];
      int dp = base + 2 * k;
      code += f * (gNow[dp] - gNow[dp + 1]);
      if (fastNoise) {
        mean += f * (RectifiedNormal.mean(gNow[dp], readSigma[dp])
            - RectifiedNormal.mean(gNow[dp + 1], readSigma[dp + 1]));
        var += (double) f * f * (RectifiedNormal.variance(gNow[dp], readSigma[dp])
            + RectifiedNormal.variance(gNow[dp + 1], readSigma[dp + 1]));
      }
    }
    cellCode[cell] = code;
    fastMean[cell] = fastNoise ? (int) Math.rint(mean) : code;
    fastVar[cell] = (float) var;
  }

  // ---- products -------------------------------------------------------------------------

  /** Column accumulators for the given rows; {@code codes == null} drives every row full scale. */
  private void accumulate(int[] activeRows, int[] codes, int count) {
    Arrays.fill(acc, 0);
    if (!readNoiseOn) {
      for (int i = 0; i < count; i++) {
        long m = codes == null ? dacMax : codes[i];
        int base = activeRows[i] * cols;
        for (int c = 0; c < cols; c++) {
          acc[c] += m * cellCode[base + c];
        }
      }
    } else if (fastNoise) {
      Arrays.fill(varAcc, 0);
      for (int i = 0; i < count; i++) {
        long m = codes == null ? dacMax : codes[i];
        double m2 = (double) m * m;
        int base = activeRows[i] * cols;
        for (int c = 0; c < cols; c++) {
          acc[c] += m * fastMean[base + c];
          varAcc[c] += m2 * fastVar[base + c];
        }
      }
      for (int c = 0; c < cols; c++) {
        if (varAcc[c] > 0) {
          acc[c] += (long) Math.rint(Math.sqrt(varAcc[c]) * readRng.nextGaussian());
        }
      }
    } else {
      for (int i = 0; i < count; i++) {
        long m = codes == null ? dacMax : codes[i];
        int d = activeRows[i] * cols * devicesPerCell;
        for (int c = 0; c < cols; c++) {
          long s = 0;
          for (int k = 0; k < pairs; k++, d += 2) {
            s += factor[k] * (long) (noisyRead(d) - noisyRead(d + 1));
          }
          acc[c] += m * s;
        }
      }
    }
  }

  private int noisyRead(int d) {
    int g = gNow[d];
    float sigma = readSigma[d];
    if (sigma == 0) {
      return g;
    }
    int r = g + (int) Math.rint(sigma * readRng.nextGaussian());
    return r > 0 ? r : 0;
  }

  /** Adds output noise, converts with the ADC, and adds the scaled result to {@code out}. */
  private void emit(double[] out) {
    for (int c = 0; c < cols; c++) {
      long a = acc[c];
      if (outputNoiseSigma > 0) {
        a += (long) Math.rint(outputNoiseSigma * readRng.nextGaussian());
      }
      out[c] += adc.convert(a) * outFactor[c] + columnOffset[c];
    }
  }

  // ---- drift compensation -----------------------------------------------------------------

  /** Sum over rows of |ADC code| per column for one-hot reads of every row. */
  private void probe(double[] sums) {
    Arrays.fill(sums, 0);
    for (int r = 0; r < rows; r++) {
      denseRows[0] = r;
      accumulate(denseRows, null, 1);
      if (patching) {
        // Patched cells are handled digitally: their measured currents leave the probe.
        for (int k = patchRowStart[r], end = patchRowStart[r + 1]; k < end; k++) {
          acc[patchCells[k] % cols] -= Math.round(dacMax * patchMeasured[k]);
        }
      }
      for (int c = 0; c < cols; c++) {
        long a = acc[c];
        if (outputNoiseSigma > 0) {
          a += (long) Math.rint(outputNoiseSigma * readRng.nextGaussian());
        }
        sums[c] += Math.abs(adc.convert(a));
      }
    }
  }

  private void updateOutFactors() {
    for (int c = 0; c < cols; c++) {
      outFactor[c] = columnGain[c] * compensator.alpha(c) * adc.step() / (dacMax * scale[c]);
    }
    updatePatchValues();
  }

  private void requireCells(double[] a) {
    if (a.length != rows * cols) {
      throw new IllegalArgumentException(
          "expected " + rows + " x " + cols + " = " + rows * cols + " values, got " + a.length);
    }
  }
}
