package io.engram.calibration.joints;

import io.engram.config.calibration.JointCorrection;

/**
 * What the calibration of one joint measured, beyond the correction it yields.
 *
 * @param correction home offset, direction and counts per degree, with latency and backlash
 * @param commandGain encoder counts per second the joint moves per rad/s commanded (as the
 *     configuration converts): the configured counts per radian when the bus commands in encoder
 *     units
 * @param noiseCounts standard deviation of the encoder at rest (counts)
 * @param homeResidualCounts encoder distance from the measured home after the return move
 */
public record JointMeasurement(
    JointCorrection correction, double commandGain, double noiseCounts, double homeResidualCounts) {}
