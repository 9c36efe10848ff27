package io.engram.session;

import io.engram.bundle.BundleOrigin;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.bundle.RandomInitialWeights;
import io.engram.config.BundleConfig;
import io.engram.config.EngramConfig;
import io.engram.config.LearningRule;
import io.engram.config.ReadoutPlacement;
import io.engram.crossbar.CrossbarFactory;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learning side of a session as the configuration names it: the initial weights (the bundle,
 * loaded with every check, or without one weights drawn with {@code bundle.seed} and scaled to
 * {@code bundle.initial-rate-hz}), the rule ({@code learning.rule}) and the crossbar that holds
 * the trainee's plastic weights ({@code crossbar}), and its readout too when {@code
 * learning.readout.placement} says so.
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
    return of(config, initialWeights(config));
  }

  /**
   * The inner loop of {@code config} starting from {@code meta} (e.g. a bundle delivered over the
   * network, already verified against the configuration).
   *
   * @throws IllegalArgumentException if the rule needs what {@code meta} lacks
   */
  public static InnerLoopEvaluation of(EngramConfig config, MetaParameters meta) {
    NetworkShape shape = NetworkParameters.trainee(config.network()).shape();
    CrossbarFactory arrays = CrossbarFactory.of(config.crossbar());
    InnerLoopEvaluation evaluation =
        InnerLoopEvaluation.of(config, meta, () -> arrays.forNetwork(shape));
    if (config.learning().readout().placement() == ReadoutPlacement.CROSSBAR) {
      CrossbarFactory readoutArrays = CrossbarFactory.of(config.crossbar());
      evaluation =
          evaluation.withReadoutOn(() -> readoutArrays.create(shape.neurons(), shape.readouts()));
    }
    return evaluation;
  }

  /** The bundle the configuration names, or weights drawn as it says. */
  static MetaParameters initialWeights(EngramConfig config) throws IOException {
    LearningRule rule = config.learning().rule();
    boolean needsLsg = rule == LearningRule.NATURAL_EPROP;
    BundleConfig bundle = config.bundle();
    if (bundle.path().isPresent()) {
      Path path = bundle.path().get();
      MetaParameters meta =
          MetaParameterBundle.load(path, config, BundleOrigin.LOCAL_FILE, needsLsg).parameters();
      LOG.info("bundle {} verified", path);
      return meta;
    }
    if (needsLsg) {
      throw new IllegalArgumentException("rule natural-eprop needs a meta-trained bundle with the"
          + " learning-signal generator (bundle.path); without one, use rule readout or eprop");
    }
    LOG.info("no bundle: drawing the initial weights with seed {}, scaled to {} Hz",
        bundle.seed(), bundle.initialRateHz());
    return RandomInitialWeights.of(config).draw(bundle.seed(), bundle.initialRateHz());
  }
}
