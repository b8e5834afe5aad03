package com.securecart.planner.prices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The dated price snapshot, read from its Price List shaped JSON: the bundled one ({@link
 * #bundled()}) or a fresher one a user supplies in the same shape ({@link #read(Path)}). All prices
 * are US dollars per the unit named, as {@link BigDecimal} so that sums of many small unit prices
 * stay exact. A lookup of anything the snapshot does not hold throws, naming what it holds.
 */
public final class PriceTable {
  static final String BUNDLED = "us-east-1.json";

  private final String region;
  private final LocalDate date;
  private final List<Source> sources;
  private final BigDecimal fargateSpotMaxDiscount;
  private final Map<String, Ec2InstanceType> ec2;
  private final Map<String, TieredRate> rates;

  private PriceTable(JsonNode root) {
    region = text(root, "region");
    date = LocalDate.parse(text(root, "publicationDate"));
    var list = new ArrayList<Source>();
    root.path("sources")
        .forEach(
            s ->
                list.add(
                    new Source(
                        text(s, "file"), text(s, "origin"), LocalDate.parse(text(s, "date")))));
    sources = List.copyOf(list);
    fargateSpotMaxDiscount = new BigDecimal(text(root.path("spot"), "fargateMaxDiscount"));
    var types = new TreeMap<String, Ec2InstanceType>();
    var byGroup = new HashMap<String, TieredRate>();
    for (var product : root.path("products")) {
      var sku = text(product, "sku");
      var attributes = product.path("attributes");
      var rate = rate(root.path("terms").path("OnDemand").path(sku), sku);
      if (attributes.has("instanceType")) {
        var type = ec2Type(attributes, rate);
        types.put(type.name(), type);
      } else {
        byGroup.put(
            key(text(attributes, "group"), attributes.path("architecture").asText(null)), rate);
      }
    }
    ec2 = types;
    rates = byGroup;
  }

  /** The snapshot that ships with the planner. */
  public static PriceTable bundled() {
    try (var in = PriceTable.class.getResourceAsStream(BUNDLED)) {
      return read(Objects.requireNonNull(in, "price snapshot resource " + BUNDLED + " is missing"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PriceTable read(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      return read(in);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  public static PriceTable read(InputStream in) throws IOException {
    return new PriceTable(new ObjectMapper().readTree(in));
  }

  public String region() {
    return region;
  }

  /** The date of the oldest figure in the snapshot. */
  public LocalDate date() {
    return date;
  }

  public List<Source> sources() {
    return sources;
  }

  /** How old the snapshot's oldest figure is on {@code today}. */
  public Period age(LocalDate today) {
    if (today.isBefore(date)) {
      throw new IllegalArgumentException(
          "today (" + today + ") is before the snapshot's date " + date);
    }
    return Period.between(date, today);
  }

  public Ec2InstanceType ec2(String instanceType) {
    var type = ec2.get(instanceType);
    if (type == null) {
      throw new IllegalArgumentException(
          "no EC2 price for '"
              + instanceType
              + "' in the "
              + region
              + " snapshot of "
              + date
              + "; it holds the families "
              + ec2.values().stream().map(Ec2InstanceType::family).distinct().toList());
    }
    return type;
  }

  /** Every EC2 type in the snapshot, by name. */
  public List<Ec2InstanceType> ec2Types() {
    return List.copyOf(ec2.values());
  }

  /** The cheapest type per hour among {@code candidates}, e.g. to pick a size. */
  public Ec2InstanceType cheapest(List<String> candidates) {
    return candidates.stream()
        .map(this::ec2)
        .min(Comparator.comparing(Ec2InstanceType::usdPerHour))
        .orElseThrow();
  }

  public Fargate fargate(Architecture architecture) {
    return new Fargate(
        flat("fargate-vcpu", architecture.id()), flat("fargate-memory", architecture.id()));
  }

  /** AWS's "up to" figure for Fargate Spot: a ceiling for the discount a user chooses. */
  public BigDecimal fargateSpotMaxDiscount() {
    return fargateSpotMaxDiscount;
  }

  public Lambda lambda(Architecture architecture) {
    return new Lambda(flat("lambda-requests", null), rate("lambda-duration", architecture.id()));
  }

  public StepFunctions stepFunctions() {
    return new StepFunctions(
        flat("sfn-standard-transitions", null),
        flat("sfn-express-requests", null),
        rate("sfn-express-duration", null));
  }

  public Sqs sqs() {
    return new Sqs(flat("sqs-standard-requests", null), flat("sqs-fifo-requests", null));
  }

  public NatGateway natGateway() {
    return new NatGateway(flat("nat-hours", null), flat("nat-data", null));
  }

  public LoadBalancer applicationLoadBalancer() {
    return new LoadBalancer(flat("alb-hours", null), flat("alb-lcu", null));
  }

  /** Fargate per task: vCPU-hours and GB-hours. Fargate Spot: apply a {@link SpotDiscount}. */
  public record Fargate(BigDecimal usdPerVcpuHour, BigDecimal usdPerGbHour) {
    public BigDecimal usdPerHour(BigDecimal vcpus, BigDecimal memoryGb) {
      return usdPerVcpuHour.multiply(vcpus).add(usdPerGbHour.multiply(memoryGb));
    }
  }

  /** Lambda: a price per request (both architectures) and tiered GB-seconds per architecture. */
  public record Lambda(BigDecimal usdPerRequest, TieredRate gbSeconds) {}

  /** Standard: per state transition. Express: per request plus tiered GB-hours. */
  public record StepFunctions(
      BigDecimal standardUsdPerTransition,
      BigDecimal expressUsdPerRequest,
      TieredRate expressGbHours) {}

  public record Sqs(BigDecimal standardUsdPerRequest, BigDecimal fifoUsdPerRequest) {}

  public record NatGateway(BigDecimal usdPerHour, BigDecimal usdPerGbProcessed) {}

  public record LoadBalancer(BigDecimal usdPerHour, BigDecimal usdPerLcuHour) {}

  private TieredRate rate(String group, String architecture) {
    var rate = rates.get(key(group, architecture));
    if (rate == null) {
      throw new IllegalArgumentException(
          "the price snapshot of "
              + date
              + " has no '"
              + key(group, architecture)
              + "'; it has "
              + rates.keySet());
    }
    return rate;
  }

  private BigDecimal flat(String group, String architecture) {
    var rate = rate(group, architecture);
    if (rate.tiers().size() != 1) {
      throw new IllegalArgumentException(group + " is tiered: price it through its TieredRate");
    }
    return rate.firstUsdPerUnit();
  }

  private static String key(String group, String architecture) {
    return architecture == null ? group : group + "/" + architecture;
  }

  private static TieredRate rate(JsonNode offers, String sku) {
    var tiers = new ArrayList<Tier>();
    String unit = null;
    for (var offer : offers) {
      for (var dimension : offer.path("priceDimensions")) {
        unit = text(dimension, "unit");
        var end = text(dimension, "endRange");
        tiers.add(
            new Tier(
                new BigDecimal(text(dimension, "beginRange")),
                end.equals("Inf") ? null : new BigDecimal(end),
                new BigDecimal(text(dimension.path("pricePerUnit"), "USD"))));
      }
    }
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException("product " + sku + " has no on-demand price");
    }
    tiers.sort(Comparator.comparing(Tier::begin));
    return new TieredRate(unit, tiers);
  }

  private static Ec2InstanceType ec2Type(JsonNode a, TieredRate rate) {
    return new Ec2InstanceType(
        text(a, "instanceType"),
        Integer.parseInt(text(a, "vcpu")),
        new BigDecimal(text(a, "memory").replace(" GiB", "")),
        Architecture.ofId(text(a, "architecture")),
        text(a, "physicalProcessor"),
        Integer.parseInt(text(a, "gpu")),
        text(a, "gpuModel"),
        rate.firstUsdPerUnit());
  }

  private static String text(JsonNode node, String field) {
    var value = node.get(field);
    if (value == null || !value.isValueNode()) {
      throw new IllegalArgumentException(
          "price snapshot: missing field '" + field + "' in " + node);
    }
    return value.asText();
  }
}
