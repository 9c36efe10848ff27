package io.engram.remote;

import io.engram.control.LoopStatistics;
import io.engram.session.Session;
import io.engram.telemetry.LoopStats;
import io.engram.telemetry.LoopStatsSource;
import io.engram.telemetry.RuntimeState;
import io.engram.telemetry.TelemetrySink;
import java.util.Map;

/**
 * Connects a {@link Session} to remote commands and telemetry: {@code estop} latches the
 * session's remote e-stop (motor power cut at once, the loop ends within a period), {@code stop}
 * ends the motion under way, {@code reset} clears the e-stop; the loop's joint samples and timing
 * go to the sink.
 */
public final class SessionCommands {

  private final Session session;
  private final TelemetrySink sink;

  public SessionCommands(Session session, TelemetrySink sink) {
    this.session = session;
    this.sink = sink;
  }

  /** Registers the handlers and hooks the loop's telemetry up. */
  public void attach(CommandRouter router) {
    router.register(CommandName.ESTOP, c -> {
      session.remoteEstop("remote e-stop, request " + c.id());
      sink.state(RuntimeState.ESTOP, "remote e-stop, request " + c.id());
      return CommandResult.success(Map.of("latched", true));
    });
    router.register(CommandName.STOP, c -> {
      session.loop().requestStop();
      return CommandResult.success(Map.of("stopping", true));
    });
    router.register(CommandName.RESET, c -> {
      if (!session.resetRemoteEstop()) {
        return CommandResult.failure(ErrorCode.REFUSED,
            "the e-stop input is still asserted; release it first");
      }
      sink.state(RuntimeState.IDLE, "reset, request " + c.id());
      return CommandResult.success(Map.of("latched", false));
    });
    session.loop().telemetry(sink);
    sink.loopStats(loopStats(session.loop().statistics(), session.loop().periodNanos()));
  }

  /**
   * The loop's figures as telemetry. The histogram is read while the loop may write it, so a
   * snapshot's percentiles can be off by the samples recorded during the read.
   */
  public static LoopStatsSource loopStats(LoopStatistics statistics, long periodNanos) {
    return () -> {
      var s = statistics.summary();
      return new LoopStats(statistics.iterations(), periodNanos / 1e3, s.periodP50Us(),
          statistics.periods().getTotalCount() == 0 ? 0
              : statistics.periods().getValueAtPercentile(90) / 1e3,
          s.periodP99Us(), s.periodP999Us(), s.periodMaxUs(), statistics.overruns(), statistics.longestOverrunStreak());
    };
  }
}
