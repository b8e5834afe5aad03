package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed-row table, read from the synthesized templates: every row this issue owns is there. */
class SeedTableTest {
  private final List<String> lines = table();

  @Test
  void everyRowIsImplemented() {
    // Header, separator, then one line per row; column 4 is the count.
    List<String> rows = lines.subList(2, lines.size());
    assertThat(rows).hasSize(SeedTable.rows().size());
    for (String row : rows) {
      String count = row.split("\\|")[4].trim();
      assertThat(Integer.parseInt(count)).as(row).isPositive();
    }
  }

  @Test
  void rowsNameTheValuesFromTheTemplates() {
    Settings s = Synth.defaults().settings();
    assertThat(row("M-series"))
        .contains(s.web().instanceType(), "PredictiveScaling ForecastAndScale", "ELB health");
    assertThat(row("checkout during flash sales")).doesNotContain("Foundation/");
    assertThat(row("checkout during flash sales"))
        .contains(s.checkout().instanceType(), "warm pool");
    assertThat(row("T-series")).contains(s.admin().instanceType());
    assertThat(row("ECS + Fargate")).contains("ARM64", "ALBRequestCountPerTarget");
    assertThat(row("R-series")).contains("db." + s.data().instanceType());
    assertThat(row("Lambda + Step Functions"))
        .contains("arm64 SnapStart PublishedVersions", "STANDARD");
    assertThat(row("AWS Batch"))
        .contains("SPOT SPOT_PRICE_CAPACITY_OPTIMIZED", s.batch().schedule());
    assertThat(row("ALB, NLB")).contains("application", "network", "gateway");
    assertThat(row("AWS WAF + Shield")).contains("rules");
    assertThat(row("Amazon EKS"))
        .contains(
            "Kubernetes " + s.eks().version() + " private endpoint",
            "system " + s.eks().systemInstanceType(),
            "karpenter " + s.eks().charts().karpenter(),
            "keda " + s.eks().charts().keda(),
            "eks-pod-identity-agent");
    assertThat(row("CloudWatch"))
        .contains(
            "tier web",
            "tier checkout",
            "tier pipeline",
            "tier analytics",
            "dashboard",
            "Compute Optimizer");
  }

  private String row(String seed) {
    return lines.stream().filter(l -> l.contains(seed)).findFirst().orElseThrow();
  }

  private static List<String> table() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SeedTable.print(
        new SeedTable.Templates(Synth.defaults().outdir()),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
