package io.engram.remote;

/**
 * What the session does for one command. Runs on the command thread (the e-stop on the thread that
 * received it), one command at a time; the answer is published when it returns. An exception is
 * answered as {@link ErrorCode#FAILED} with its message.
 */
@FunctionalInterface
public interface CommandHandler {
  CommandResult handle(Command command) throws Exception;
}
