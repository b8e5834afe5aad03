package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patching the rendered manifests: what is filled in, and what fails the synth. */
class ManifestsTest {
  private static final String FILE = Synth.defaultSettings().eks().manifests();

  @TempDir Path dir;

  @Test
  void everyContainerRunsTheGivenImageAndTheConfigMapTakesTheStacksValues() {
    Manifests patched = Manifests.read(FILE).patched(patches(config(), limits()));
    String all = patched.others().toString();
    assertThat(all).doesNotContainPattern("image=securecart[:,}]").contains("image=ECR:7");
    assertThat(all).contains("SECURECART_DB_URL=value of SECURECART_DB_URL");
    assertThat(all).doesNotContainIgnoringCase("placeholder");
    assertThat(patched.namespaces()).allMatch(n -> n.get("kind").equals("Namespace"));
    assertThat(patched.others()).noneMatch(n -> n.get("kind").equals("Namespace"));
  }

  @Test
  void aConfigMapKeyThatNoStackSetsFailsTheSynth() {
    Map<String, String> config = config();
    config.remove("SECURECART_DB_SECRET_ARN");
    assertThatThrownBy(() -> Manifests.read(FILE).patched(patches(config, limits())))
        .hasMessageContaining("SECURECART_DB_SECRET_ARN");
  }

  @Test
  void everyNodePoolNeedsACeilingAndEveryCeilingANodePool() {
    Map<String, Integer> missing = new HashMap<>(limits());
    missing.remove("general");
    assertThatThrownBy(() -> Manifests.read(FILE).patched(patches(config(), missing)))
        .hasMessageContaining("NodePool general");
    Map<String, Integer> extra = new HashMap<>(limits());
    extra.put("gpu-typo", 8);
    assertThatThrownBy(() -> Manifests.read(FILE).patched(patches(config(), extra)))
        .hasMessageContaining("gpu-typo");
  }

  @Test
  void aNodePoolKeepsItsOtherLimitsAndTakesItsCpuCeilingFromTheSettings() throws Exception {
    Path file = dir.resolve("pool.yaml");
    Files.writeString(
        file,
        "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: general\n"
            + "spec:\n  limits:\n    cpu: \"1\"\n    memory: 512Gi\n");
    Map<String, Object> pool =
        Manifests.read(file.toString())
            .patched(patches(config(), Map.of("general", 96)))
            .others()
            .get(0);
    assertThat(pool.get("spec").toString()).contains("cpu=96", "memory=512Gi");
  }

  @Test
  void aPlaceholderThatNoPatchFillsFailsTheSynth() throws Exception {
    Path file = dir.resolve("aws.yaml");
    Files.writeString(
        file,
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  key: placeholder\n");
    assertThatThrownBy(() -> Manifests.read(file.toString()).patched(patches(config(), Map.of())))
        .hasMessageContaining("Secret/x.stringData.key");
  }

  private static Manifests.Patches patches(
      Map<String, String> config, Map<String, Integer> limits) {
    return new Manifests.Patches("ECR:7", config, "node-role", "securecart", limits, "queue", "eu");
  }

  private static Map<String, String> config() {
    Map<String, String> config = new HashMap<>();
    for (String key :
        List.of(
            "SECURECART_AWS_REGION",
            "SECURECART_DB_URL",
            "SECURECART_DB_SECRET_ARN",
            "SECURECART_DB_SSLMODE",
            "SECURECART_DB_SSLROOTCERT",
            "SECURECART_TRUSTED_PROXIES",
            "SECURECART_OTLP_ENDPOINT",
            "SECURECART_STATE_MACHINE_ARN",
            "SECURECART_NOTIFICATION_QUEUE_URL",
            "SECURECART_PORT",
            "SECURECART_DATA_DIR")) {
      config.put(key, "value of " + key);
    }
    return config;
  }

  private static Map<String, Integer> limits() {
    return Synth.defaultSettings().eks().nodePoolCpuLimits();
  }
}
