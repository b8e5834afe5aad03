package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CDK app deploys plan.json's figures: the committed plan (whatever its numbers, since the
 * planner regenerates it), a small fixture whose every figure differs from securecart.json's, and
 * the refusals, each naming the plan file.
 */
class PlanTest {
  static final Path COMMITTED = Path.of("plan", "plan.json");
  static final Path FIXTURE = Path.of("src", "test", "resources", "plan", "small-plan.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void securecartJsonNamesTheCommittedPlan() throws IOException {
    assertThat(JSON.readTree(Path.of("securecart.json").toFile()).path("plan").asText())
        .isEqualTo("plan/plan.json");
    assertThat(Synth.defaultSettings().plan().file()).isEqualTo(COMMITTED.toAbsolutePath());
  }

  @Test
  void theTemplatesAgreeWithTheCommittedPlan() {
    check(Synth.defaults(), COMMITTED);
  }

  @Test
  void theCommittedPlanSchedulesEachSaleOnMoreThanCheckout() {
    // Not vacuous: the plan has actions and securecart.json a sale after the synth time.
    PlanAgreement plan = new PlanAgreement(Synth.defaults(), COMMITTED);
    assertThat(plan.tier("web").path("scheduledActions").size()).isPositive();
    assertThat(plan.tier("checkout").path("scheduledActions").size()).isPositive();
    assertThat(Synth.defaults().settings().checkout().sales())
        .anyMatch(s -> s.start().isAfter(Synth.NOW));
  }

  @Test
  void aSmallPlanWhoseFiguresDifferIsReallyRead() throws IOException {
    JsonNode configured = JSON.readTree(Path.of("securecart.json").toFile());
    JsonNode fixture = JSON.readTree(FIXTURE.toFile());
    for (String tier : List.of("web", "checkout")) {
      for (String figure : List.of("min", "max", "requestsPerTarget")) {
        assertThat(fixture.at("/tiers/" + tier + "/" + figure))
            .as(tier + "." + figure + " differs from securecart.json's")
            .isNotEqualTo(configured.at("/" + tier + "/" + figure));
      }
    }
    for (String tier : List.of("catalog", "search", "cart")) {
      for (String figure : List.of("max", "requestsPerTarget", "cpuTargetPercent")) {
        assertThat(fixture.at("/tiers/" + tier + "/" + figure))
            .as(tier + "." + figure + " differs from securecart.json's")
            .isNotEqualTo(configured.at("/services/" + tier + "/" + figure));
      }
    }
    check(Synth.with("small-plan", s -> s.withPlan(Plan.read(FIXTURE))), FIXTURE);
  }

  @Test
  void withoutAPlanSecurecartJsonsFiguresStay() throws IOException {
    Settings settings =
        Settings.read(
            settingsFile(
                s -> {
                  s.remove("plan");
                  ObjectNode sale = (ObjectNode) s.at("/checkout/sales/0");
                  sale.put("min", 8).put("desired", 10);
                },
                null));
    assertThat(settings.plan()).isNull();
    assertThat(settings.web().requestsPerTarget()).isEqualTo(1200);
    assertThat(settings.checkout().sales().getFirst().min()).isEqualTo(8);
    assertThat(Scaling.checkout(settings, Synth.NOW).schedule())
        .extracting(Scaling.Scheduled::id)
        .containsExactly("Raise-black-friday-2027", "Restore-black-friday-2027");
  }

  @Test
  void aSaleWithoutSizesNeedsAPlan() {
    assertThatThrownBy(() -> Settings.read(settingsFile(s -> s.remove("plan"), null)))
        .hasMessageContaining("black-friday-2027")
        .hasMessageContaining("min and desired are required without a plan");
  }

  @Test
  void aSaleThatSizesItselfBesideAPlanIsAmbiguous() {
    refused(
        s -> ((ObjectNode) s.at("/checkout/sales/0")).put("min", 8).put("desired", 10),
        p -> {},
        "checkout.sales 'black-friday-2027' sets min and desired");
  }

  @Test
  void anotherSchemaIsRefused() {
    refused(s -> {}, p -> p.put("schema", 2), "schema 2: this app reads schema 1");
  }

  @Test
  void aMissingTierIsRefused() {
    refused(s -> {}, p -> p.with("tiers").remove("cart"), "tiers.cart is missing");
  }

  @Test
  void anotherArchitectureIsRefused() {
    refused(
        s -> {},
        p -> p.with("option").put("architecture", "x86_64"),
        "option.architecture 'x86_64': the app builds arm64 only");
    refused(
        s -> {},
        p -> p.with("tiers").with("search").put("runsOn", "fargate 1 vCPU 4 GiB x86_64"),
        "runsOn 'fargate 1 vCPU 4 GiB x86_64': the app builds arm64 only");
    refused(
        s -> {},
        p -> p.with("tiers").with("web").put("runsOn", "m7i.large"),
        "web.instanceType: one of [m7g, m8g] families");
  }

  @Test
  void whatAwsCannotDeployIsRefused() {
    refused(
        s -> {},
        p ->
            p.with("tiers")
                .with("checkout")
                .set("spot", JSON.createObjectNode().put("onDemandBase", 1).put("spotWeight", 2)),
        "tiers.checkout: spot and a warm pool together");
    refused(
        s -> {},
        p -> ((ObjectNode) p.at("/tiers/search/scheduledActions/0")).put("desired", 9),
        "an ECS service has no desired count to schedule");
    refused(
        s -> {},
        p -> ((ObjectNode) p.at("/tiers/web/scheduledActions/0")).put("event", "launch-day"),
        "event 'launch-day' is neither flash-sale (every sale) nor the name of a sale");
  }

  @Test
  void anEventNamedAfterASaleSizesThatSaleOnly() throws IOException {
    // A CSV profile's own event: its actions go to the sale of its name, flash-sale's to each.
    Settings settings =
        Settings.read(
            settingsFile(
                s ->
                    s.withArray("/checkout/sales")
                        .addObject()
                        .put("name", "launch-day")
                        .put("start", "2027-03-01T09:00:00Z")
                        .put("end", "2027-03-01T10:00:00Z"),
                p ->
                    ((ObjectNode) p.at("/tiers/web/scheduledActions/0"))
                        .put("event", "launch-day")));

    assertThat(Scaling.service(settings, "web", Synth.NOW))
        .extracting(Scaling.Scheduled::id)
        .containsExactly("Plan-black-friday-2027-1", "Plan-launch-day-1", "Plan-launch-day-2");
  }

  private static void check(Synth synth, Path plan) {
    PlanAgreement agreement = new PlanAgreement(synth, plan);
    agreement.ec2("web", "Web");
    agreement.ec2("checkout", "Checkout");
    for (String service : List.of("catalog", "search", "cart")) {
      agreement.fargate(service);
    }
  }

  private void refused(Consumer<ObjectNode> settings, Consumer<ObjectNode> plan, String message) {
    Path file = dir.resolve("plan.json");
    assertThatThrownBy(() -> Settings.read(settingsFile(settings, plan)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plan " + file)
        .hasMessageContaining(message);
  }

  /** securecart.json and the committed plan, changed, in the temporary directory. */
  private Path settingsFile(Consumer<ObjectNode> settings, Consumer<ObjectNode> plan)
      throws IOException {
    ObjectNode s = (ObjectNode) JSON.readTree(Path.of("securecart.json").toFile());
    ObjectNode p = (ObjectNode) JSON.readTree(COMMITTED.toFile());
    s.put("plan", "plan.json");
    settings.accept(s);
    if (plan != null) {
      plan.accept(p);
    }
    Files.writeString(dir.resolve("plan.json"), p.toString());
    Path file = dir.resolve("securecart.json");
    Files.writeString(file, s.toString());
    return file;
  }
}
