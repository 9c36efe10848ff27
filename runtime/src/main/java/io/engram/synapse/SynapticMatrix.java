package io.engram.synapse;

/**
 * A plastic weight matrix laid out [from][to]: {@code rows()} presynaptic sources (inputs, then
 * recurrent neurons) by {@code columns()} postsynaptic neurons.
 *
 * <p>The float reference model and the PCM crossbar emulator both implement it, so a network can
 * run on either. Products are event-driven: spiking inputs are passed as the list of active rows.
 * Implementations used in the control step must not allocate in {@link #accumulateRows}.
 */
public interface SynapticMatrix {

  int rows();

  int columns();

  /**
   * Adds to {@code out[c]} the effective weight sum over the active rows, for every column c: the
   * product of the matrix with a binary input vector whose ones are {@code activeRows[0..count)}.
   */
  void accumulateRows(int[] activeRows, int count, double[] out);

  /**
   * Programs every cell to the target weights (row-major, rows x columns).
   *
   * @return the number of devices (or cells, for a float model) written
   */
  long program(double[] target);

  /**
   * Adds {@code delta} (row-major, rows x columns) to the stored weights, rewriting only the cells
   * whose stored value changes.
   *
   * @return the number of devices (or cells, for a float model) written
   */
  long update(double[] delta);

  /** Writes the weights the matrix currently holds, as it would read them back, row-major. */
  void read(double[] out);

  /**
   * Lets {@code seconds} of device time pass: the conductances of an analog matrix drift. The
   * float model has no devices and ignores it.
   */
  default void elapse(double seconds) {}

  /**
   * Restarts the matrix's random streams (programming and read noise) at stream {@code stream} of
   * its seed, so that what one task draws does not depend on what ran before on this matrix. The
   * float model draws nothing and ignores it.
   */
  default void reseed(long stream) {}
}
