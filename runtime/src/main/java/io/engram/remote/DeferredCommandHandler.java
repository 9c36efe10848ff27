package io.engram.remote;

import java.util.concurrent.CompletionStage;

/**
 * What the session does for a command that takes a while (adapt, run): it checks the request at
 * once, on the command thread, starts the work elsewhere and returns; the answer is published when
 * the returned stage completes. A refusal is an already completed stage; an exception, thrown or
 * completing the stage, is answered as {@link ErrorCode#FAILED} with its message.
 */
@FunctionalInterface
public interface DeferredCommandHandler {
  CompletionStage<CommandResult> start(Command command) throws Exception;
}
