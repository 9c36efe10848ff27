package io.engram.learning;

import io.engram.synapse.WeightMatrix;

/**
 * The e-prop estimate of the loss gradient after one trial.
 *
 * @param synaptic gradient of the stacked input and recurrent weights, (inputs + neurons) x
 *     neurons, [from][to]; the recurrent diagonal is computed like any other cell
 * @param readout gradient of the readout weights, neurons x readouts
 * @param loss the trial's loss: {@code 1/(2T) sum_t sum_k (y_k - y*_k)^2} plus the rate regulariser
 * @param rateHz the trial's mean firing rate
 */
public record EpropGradient(WeightMatrix synaptic, WeightMatrix readout, double loss, double rateHz) {}
