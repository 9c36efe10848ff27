package io.engram.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.EngramConfig;
import io.engram.config.NetworkConfig;
import io.engram.config.yaml.ConfigLoader;
import io.engram.evaluation.InnerLoopEvaluation;
import io.engram.evaluation.OutcomeSummary;
import io.engram.learning.NaturalEpropParameters;
import io.engram.task.TaskFamily;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The default bundle shipped in the runtime: genuine, fits its configuration, and learns. */
class DefaultBundleTest {

  static final String RESOURCE = "/bundles/ed-scorbot-er7-default.npz";
  static final Path CONFIG = Path.of(
      System.getProperty("engram.repo.root", ".."), "robot-config", "examples", "ed-scorbot-default-bundle.yaml");

  @Test
  void verifiesAgainstItsConfigurationAndImprovesOnOneDemonstration() throws Exception {
    byte[] bytes;
    try (InputStream in = DefaultBundleTest.class.getResourceAsStream(RESOURCE)) {
      assertNotNull(in, RESOURCE + " is missing");
      bytes = in.readAllBytes();
    }
    EngramConfig config = ConfigLoader.load(CONFIG);
    LoadedBundle b = MetaParameterBundle.load(bytes, RESOURCE, config, BundleOrigin.NETWORK, true);
    BundleManifest m = b.manifest().orElseThrow();
    assertEquals(250, m.network().get("trainee").get("neurons").asInt());
    assertEquals(394, m.network().get("lsg").get("neurons").asInt());
    assertTrue(m.training().get("command").toString().startsWith("engram meta-train"));
    OutcomeSummary s =
        OutcomeSummary.of(
            InnerLoopEvaluation.floatNaturalEprop(config, b.parameters(), NaturalEpropParameters.of(config.learning()))
                .runAll(TaskFamily.of(config).sample(10, 1), 2));
    assertTrue(s.eeAfterCm() < 0.4 * s.eeBeforeCm(), "before " + s.eeBeforeCm() + " cm, after " + s.eeAfterCm() + " cm");

    // Trained for an LSG reading the demonstration 30 steps ahead: the same matrices fed the
    // target without the lead learn worse.
    assertEquals(30, m.network().get("target_encoding").get("lead_steps").asInt());
    NetworkConfig n = config.network();
    EngramConfig noLead =
        config.withNetwork(n.withTargetEncoding(n.targetEncoding().withLeadSteps(0)));
    OutcomeSummary without =
        OutcomeSummary.of(
            InnerLoopEvaluation.floatNaturalEprop(noLead, b.parameters(), NaturalEpropParameters.of(config.learning()))
                .runAll(TaskFamily.of(config).sample(10, 1), 2));
    assertTrue(
        s.eeAfterCm() < without.eeAfterCm(),
        "with the lead " + s.eeAfterCm() + " cm, without " + without.eeAfterCm() + " cm");
  }
}
