package io.engram.remote;

import io.engram.crossbar.CrossbarArray;
import io.engram.evaluation.TaskOutcome;
import io.engram.session.LearnedMotion;
import io.engram.session.Session;
import io.engram.telemetry.CrossbarHealth;
import io.engram.telemetry.LearningReport;
import io.engram.telemetry.NetworkActivity;
import io.engram.telemetry.TelemetrySink;

/**
 * What one adaptation reports: {@code telemetry/learning} (errors before and after, devices
 * programmed, the bundle it started from), {@code telemetry/network} (the trainee's firing rate
 * per neuron before and after adapting; the learning-signal generator's rate per neuron while
 * it drove the update, when the rule has one) and, when the trainee's weights live on a crossbar, {@code
 * telemetry/crossbar}.
 */
public final class AdaptationTelemetry {

  private AdaptationTelemetry() {}

  /**
   * Reports {@code learned} to {@code sink} and returns the learning report.
   *
   * @param requestId the adapt command's id, or null when the session started the adaptation
   * @param bundleSha256 the bundle the adaptation started from, or null when unknown
   */
  public static LearningReport publish(TelemetrySink sink, Session session, String requestId,
      String bundleSha256, LearnedMotion learned) {
    TaskOutcome o = learned.outcome();
    if (session.trainee().network().synapses() instanceof CrossbarArray array) {
      sink.crossbar(CrossbarHealth.of(array));
    }
    LearningReport report = new LearningReport(requestId, o.adaptation().rule(), bundleSha256,
        o.before().endEffectorErrorCm(), o.after().endEffectorErrorCm(), o.after().omegaRmse(),
        o.adaptation().cellsWritten(), learned.devicesProgrammed(), o.nanos() / 1e9);
    sink.learning(report);
    sink.network(learned.traineeBefore());
    sink.network(learned.traineeAfter());
    double lsg = o.adaptation().learningSignalRateHz();
    if (Double.isFinite(lsg)) {
      sink.network(new NetworkActivity("lsg", "adaptation", lsg,
          o.adaptation().learningSignalRatesHz()));
    }
    return report;
  }
}
