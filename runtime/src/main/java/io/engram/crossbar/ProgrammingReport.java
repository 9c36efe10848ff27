package io.engram.crossbar;

/**
 * What one programming operation (a full program or an update) did to an array.
 *
 * @param cellsWritten cells with at least one device written
 * @param devicesWritten devices written
 * @param pulses programming pulses applied (equals devicesWritten for single-shot programming)
 * @param unverified device writes that ended without a verify read inside tolerance
 * @param cellsSaturated written cells whose target lay beyond the representable range and was
 *     clipped
 */
public record ProgrammingReport(
    long cellsWritten, long devicesWritten, long pulses, long unverified, long cellsSaturated) {

  public static final ProgrammingReport NONE = new ProgrammingReport(0, 0, 0, 0, 0);
}
