package com.securecart.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        TODAY);
  }

  @Test
  void printsTheTableAndWritesPlanJsonAndHtml(@TempDir Path dir) throws Exception {
    int status =
        run(
            "--profile",
            "flash-sale",
            "--orders-per-day",
            "200000",
            "--out",
            dir.toString(),
            "--infra",
            "../infra/securecart.json");

    assertThat(status).as(err.toString()).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains(
            "snapshot of 2026-01-01, P11M6D old",
            "$/1k orders",
            "loadBalancers",
            "not priced: database");
    for (PlanOption option : PlanOption.compared()) {
      assertThat(printed).contains(option.name());
    }

    JsonNode plan = new ObjectMapper().readTree(dir.resolve("plan.json").toFile());
    assertThat(plan.path("schema").asInt()).isEqualTo(PlanJson.SCHEMA);
    assertThat(plan.path("prices").path("date").asText()).isEqualTo("2026-01-01");
    assertThat(plan.path("prices").path("ageDays").asInt()).isEqualTo(340);
    assertThat(plan.path("option").path("name").asText()).isNotEmpty();
    // Express is the cheapest row here, but the CDK app deploys only what ADR 16 and its stacks
    // allow: the chosen option is one of those, and the others say why they were not chosen.
    assertThat(plan.path("option").path("pipeline").asText()).isEqualTo("STANDARD");
    assertThat(plan.path("option").path("architecture").asText()).isEqualTo("arm64");
    assertThat(plan.path("option").path("fargate").asBoolean()).isTrue();
    assertThat(printed)
        .contains(
            "compared only, never chosen: express pipeline (ADR 16",
            "compared only, never chosen: x86 (");
    assertThat(plan.path("options")).hasSize(PlanOption.compared().size());
    for (String tier : new String[] {"web", "checkout", "search", "cart"}) {
      JsonNode t = plan.path("tiers").path(tier);
      for (String field :
          new String[] {
            "runsOn",
            "min",
            "max",
            "cpuTargetPercent",
            "requestsPerTarget",
            "warmPoolMin",
            "predictiveBufferSeconds",
            "spot",
            "scheduledActions",
            "peakInService"
          }) {
        assertThat(t.has(field)).as(tier + "." + field).isTrue();
      }
      // The announced sale gives each simulated tier a raise and a restore.
      assertThat(t.path("scheduledActions")).hasSize(2);
      JsonNode raise = t.path("scheduledActions").get(0);
      assertThat(raise.path("event").asText()).isEqualTo("flash-sale");
      assertThat(raise.path("anchor").asText()).isEqualTo("start");
      assertThat(raise.path("offsetSeconds").asInt()).isEqualTo(-1800);
      assertThat(raise.path("atSecond").asInt()).isEqualTo(12 * 3600 - 1800);
      JsonNode restore = t.path("scheduledActions").get(1);
      assertThat(restore.path("anchor").asText()).isEqualTo("end");
      assertThat(restore.path("offsetSeconds").asInt()).isZero();
      assertThat(restore.path("desired").isNull()).isTrue();
      assertThat(t.path("max").asInt()).isGreaterThanOrEqualTo(t.path("min").asInt());
    }
    assertThat(plan.path("tiers").path("catalog").path("simulated").asBoolean()).isFalse();
    JsonNode assumptions = plan.path("assumptions");
    assertThat(assumptions.path("stepFunctionsTransitionsPerOrder").isInt()).isTrue();
    // lambda's StateTransitionsIT counts them on the deployed definition and reads the committed
    // plan.
    assertThat(assumptions.path("stepFunctionsTransitionsPerOrder").asInt()).isEqualTo(6);
    assertThat(assumptions.path("spotInterruptionsPerHour").asDouble())
        .isEqualTo(Planner.DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR);
    for (String field :
        new String[] {"ec2BootSeconds", "lambdaInitMs", "bytesPerRequest", "sqsRequestsPerOrder"}) {
      assertThat(assumptions.has(field)).as(field).isTrue();
    }
    assertThat(plan.path("notPriced").toString()).contains("database");
    for (JsonNode row : plan.path("options")) {
      JsonNode parts = row.path("costBreakdown");
      assertThat(parts.properties())
          .extracting(java.util.Map.Entry::getKey)
          .containsExactly("compute", "pipeline", "loadBalancers", "nat", "sqs", "batch");
      double sum = 0;
      for (JsonNode part : parts) {
        sum += part.asDouble();
      }
      // The parts add up to the row's $/hour (each rounded to 6 places, the total to 4).
      assertThat(sum).isCloseTo(row.path("usdPerHour").asDouble(), within(0.0001));
      assertThat(row.has("spotInterruptions")).isTrue();
    }

    var html =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(dir.resolve("plan.html").toFile());
    // The whole day and the sale's window, four charts each.
    assertThat(html.getElementsByTagName("svg").getLength()).isEqualTo(8);
    assertThat(html.getElementsByTagName("script").getLength()).isZero();
    assertThat(html.getElementsByTagName("polyline").getLength())
        .isEqualTo(2 * (1 + 3 * PlanOption.compared().size()));

    for (String chart :
        new String[] {
          "traffic",
          "capacity",
          "p99",
          "cost",
          "traffic-peak",
          "capacity-peak",
          "p99-peak",
          "cost-peak"
        }) {
      Path file = dir.resolve("charts").resolve(chart + ".svg");
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      var svg = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
      assertThat(svg.getLocalName()).as(chart).isEqualTo("svg");
      assertThat(svg.getNamespaceURI()).as(chart).isEqualTo("http://www.w3.org/2000/svg");
      assertThat(svg.getAttribute("width")).as(chart).isNotEmpty();
      assertThat(svg.getAttribute("height")).as(chart).isNotEmpty();
      assertThat(svg.getElementsByTagNameNS("*", "polyline").getLength()).isPositive();
    }
    // The sale runs 12:00-12:30 and reaches its peak after a 60 s ramp: the window starts 90
    // minutes before the first minute at 90% of the peak and ends 60 after the last.
    assertThat(Files.readString(dir.resolve("charts/traffic-peak.svg")))
        .contains(">day 1 10:31<", ">day 1 13:30<");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--profile week --orders-per-day 1000",
        "--profile week --orders-per-day -3 --out x",
        "--profile week --orders-per-day many --out x",
        "--profile month --orders-per-day 1000 --out x",
        "--profile week --orders-per-day 1000 --out x --spot-discount 1.5",
        "--profile week --orders-per-day 1000 --out x --spot-discount lots",
        "--profile week --orders-per-day 1000 --out x --colour red",
        "--profile week --orders-per-day 1000 --out",
        "--profile week --orders-per-day 1000 --out x --spot-interruptions-per-hour 2",
        "--profile week --orders-per-day 1000 --out x --spot-interruptions-per-hour -0.1",
        "--profile week --orders-per-day 1000 --out x --spot-interruptions-per-hour often"
      })
  void badArgumentsExitTwoWithTheUsage(String args) {
    assertThat(run(args.split(" "))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("securecart plan: ", "usage:");
    assertThat(out.size()).isZero();
  }
}
