package io.engram.remote;

import io.engram.task.MotionTask;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated remote command.
 *
 * @param name which command
 * @param id the request id the answer carries
 * @param target the demonstration of an {@code adapt} command, empty otherwise
 * @param trials how many times a {@code run} command performs the motion (1 otherwise)
 */
public record Command(CommandName name, String id, Optional<MotionTask> target, int trials) {

  public Command {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(target, "target");
  }
}
