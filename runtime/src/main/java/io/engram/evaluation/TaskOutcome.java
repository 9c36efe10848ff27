package io.engram.evaluation;

import io.engram.learning.Adaptation;
import io.engram.task.MotionError;
import io.engram.task.MotionTask;

/**
 * The inner loop on one task: the trainee's output and errors before and after the rule adapted
 * it, its firing rates, what the rule wrote, and how long the loop took.
 *
 * @param index position of the task in its set
 * @param task the task
 * @param outputBefore joint velocities before adaptation (steps x joints)
 * @param outputAfter joint velocities after adaptation (steps x joints)
 * @param before errors before adaptation
 * @param after errors after adaptation
 * @param rateBeforeHz trainee firing rate before adaptation
 * @param rateAfterHz trainee firing rate after adaptation
 * @param adaptation what the rule did
 * @param nanos wall time of the whole loop (before trial, adaptation, after trial)
 * @param adaptationNanos wall time of the adaptation alone (the rule's trials and updates)
 */
public record TaskOutcome(
    int index,
    MotionTask task,
    double[] outputBefore,
    double[] outputAfter,
    MotionError before,
    MotionError after,
    double rateBeforeHz,
    double rateAfterHz,
    Adaptation adaptation,
    long nanos,
    long adaptationNanos) {}
