package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filling the rendered manifests' CDK_* tokens: what is filled in, and what fails the synth. */
class ManifestsTest {
  private static final String FILE = Synth.defaultSettings().eks().manifests();

  @TempDir Path dir;

  @Test
  void everyTokenOfTheRenderIsReplacedWhereverItStandsInAString() throws Exception {
    Map<String, String> tokens = tokens(Files.readString(Path.of(FILE)));
    assertThat(tokens).containsKeys("CDK_IMAGE_REPOSITORY", "CDK_RECOMMENDATIONS_TARGET_GROUP");
    Manifests patched = Manifests.read(FILE).patched(new Manifests.Patches(tokens, limits()));
    String all = patched.others().toString();
    assertThat(all).doesNotContainPattern(Manifests.TOKEN);
    // Two tokens in one string, each replaced in place.
    assertThat(all)
        .contains("image=<cdk_image_repository>:<cdk_image_tag>")
        .contains(
            "dimensionValue=<cdk_recommendations_target_group>;<cdk_recommendations_load_balancer>")
        .contains("SECURECART_DB_URL=<cdk_db_writer_url>");
    assertThat(patched.namespaces()).allMatch(n -> n.get("kind").equals("Namespace"));
    assertThat(patched.others()).noneMatch(n -> n.get("kind").equals("Namespace"));
  }

  @Test
  void aTokenTheStackDoesNotKnowFailsTheSynthNamingItAndWhere() throws Exception {
    Path file =
        write(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
                + "data:\n  a: CDK_KNOWN\n  b: \"host=CDK_TYPO\"\n");
    assertThatThrownBy(() -> patched(file, Map.of("CDK_KNOWN", "v")))
        .hasMessageContaining("unknown token CDK_TYPO at ConfigMap/x.data.b");
  }

  @Test
  void aTokenTheStackCannotFillFailsTheSynthNamingItAndWhere() throws Exception {
    Path file =
        write("apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  k: [CDK_A]\n");
    Map<String, String> tokens = new HashMap<>();
    tokens.put("CDK_A", null);
    assertThatThrownBy(() -> patched(file, tokens))
        .hasMessageContaining("no value for CDK_A at Secret/x.stringData.k[0]");
  }

  @Test
  void everyNodePoolNeedsACeilingAndEveryCeilingANodePool() throws Exception {
    Map<String, String> tokens = tokens(Files.readString(Path.of(FILE)));
    Map<String, Integer> missing = new HashMap<>(limits());
    missing.remove("training-gpu");
    assertThatThrownBy(() -> Manifests.read(FILE).patched(new Manifests.Patches(tokens, missing)))
        .hasMessageContaining("NodePool training-gpu");
    Map<String, Integer> extra = new HashMap<>(limits());
    extra.put("gpu-typo", 8);
    assertThatThrownBy(() -> Manifests.read(FILE).patched(new Manifests.Patches(tokens, extra)))
        .hasMessageContaining("gpu-typo");
  }

  @Test
  void aNodePoolKeepsItsOtherLimitsAndTakesItsCpuCeilingFromTheSettings() throws Exception {
    Path file =
        write(
            "apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: general\n"
                + "spec:\n  limits:\n    cpu: \"1\"\n    memory: 512Gi\n");
    Map<String, Object> pool =
        Manifests.read(file.toString())
            .patched(new Manifests.Patches(Map.of(), Map.of("general", 96)))
            .others()
            .get(0);
    assertThat(pool.get("spec").toString()).contains("cpu=96", "memory=512Gi");
  }

  private Path write(String yaml) throws Exception {
    return Files.writeString(dir.resolve("aws.yaml"), yaml);
  }

  private static Manifests patched(Path file, Map<String, String> tokens) {
    return Manifests.read(file.toString()).patched(new Manifests.Patches(tokens, Map.of()));
  }

  /** A value for each token of the text, saying which token it stands for (in lower case). */
  private static Map<String, String> tokens(String text) {
    Map<String, String> tokens = new HashMap<>();
    Matcher m = Manifests.TOKEN.matcher(text);
    TreeSet<String> found = new TreeSet<>();
    while (m.find()) {
      found.add(m.group());
    }
    found.forEach(t -> tokens.put(t, "<" + t.toLowerCase(java.util.Locale.ROOT) + ">"));
    return tokens;
  }

  private static Map<String, Integer> limits() {
    return Synth.defaultSettings().eks().nodePoolCpuLimits();
  }
}
