package io.engram.session;

import io.engram.bundle.BundleLayout;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.config.EngramConfig;
import io.engram.config.LearningRule;
import io.engram.crossbar.CrossbarFactory;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.learning.NaturalEpropParameters;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learning side of a session as the configuration names it: the bundle (read and verified:
 * shapes, dtypes, finite values), the rule ({@code learning.rule}) and the crossbar the trainee's
 * plastic weights live on ({@code crossbar}).
 */
public final class LearningSetup {

  private static final Logger LOG = LoggerFactory.getLogger(LearningSetup.class);

  private LearningSetup() {}

  /**
   * The inner loop of {@code config}.
   *
   * @throws IOException if the bundle cannot be read or fails verification
   * @throws IllegalArgumentException if the rule needs what the bundle lacks
   */
  public static InnerLoopEvaluation of(EngramConfig config) throws IOException {
    MetaParameters meta = bundle(config);
    NetworkShape shape = NetworkParameters.trainee(config.network()).shape();
    CrossbarFactory crossbar = CrossbarFactory.of(config.crossbar(), 0, 0);
    LearningRule rule = config.learning().rule();
    if (rule != LearningRule.NATURAL_EPROP) {
      throw new IllegalArgumentException("learning rule " + rule + " is not available");
    }
    return InnerLoopEvaluation.naturalEprop(config, meta,
        NaturalEpropParameters.of(config.learning()), () -> crossbar.forNetwork(shape));
  }

  /** The bundle the configuration names. */
  static MetaParameters bundle(EngramConfig config) throws IOException {
    boolean needsLsg = config.learning().rule() == LearningRule.NATURAL_EPROP;
    if (config.bundle().path().isEmpty()) {
      throw new IllegalArgumentException("no bundle configured (bundle.path)");
    }
    Path path = config.bundle().path().get();
    MetaParameters meta =
        MetaParameterBundle.read(path, BundleLayout.of(config.network()), needsLsg);
    LOG.info("bundle {} verified{}", path,
        meta.hasLearningSignalGenerator() ? " (with learning-signal generator)" : "");
    return meta;
  }
}
