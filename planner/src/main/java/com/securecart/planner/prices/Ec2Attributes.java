package com.securecart.planner.prices;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * vCPUs, memory and processor of the instance types the snapshot keeps, from EC2's naming rules
 * (the price CSV carries only names and prices): a size's vCPUs (medium 1, large 2, n-xlarge 4n),
 * GiB per vCPU by family (C 2, M 4, R 8), and the processor by generation and suffix (g Graviton, i
 * Intel, a AMD). T and the GPU types follow their own tables. Source: the EC2 instance type pages
 * (aws.amazon.com/ec2/instance-types).
 */
final class Ec2Attributes {
  private static final Pattern NAME =
      Pattern.compile("([a-z]+)([0-9])([a-z]*)\\.([0-9]*)(medium|large|xlarge)");

  private static final Map<String, Integer> GIB_PER_VCPU = Map.of("c", 2, "m", 4, "r", 8);

  private static final Map<String, String> PROCESSOR =
      Map.ofEntries(
          Map.entry("6g", "AWS Graviton2 Processor"),
          Map.entry("7g", "AWS Graviton3 Processor"),
          Map.entry("8g", "AWS Graviton4 Processor"),
          Map.entry("6i", "Intel Xeon 3rd gen (Ice Lake)"),
          Map.entry("7i", "Intel Xeon 4th gen (Sapphire Rapids)"),
          Map.entry("8i", "Intel Xeon 6 (Granite Rapids)"),
          Map.entry("6a", "AMD EPYC 3rd gen (Milan)"),
          Map.entry("7a", "AMD EPYC 4th gen (Genoa)"),
          Map.entry("8a", "AMD EPYC 5th gen (Turin)"),
          Map.entry("3", "Intel Xeon (Skylake, Cascade Lake)"),
          Map.entry("3a", "AMD EPYC 1st gen (Naples)"),
          Map.entry("4g", "AWS Graviton2 Processor"),
          Map.entry("5", "AMD EPYC 2nd gen (Rome)"),
          Map.entry("6", "AMD EPYC 3rd gen (Milan)"),
          Map.entry("4d", "Intel Xeon 2nd gen (Cascade Lake)"));

  private Ec2Attributes() {}

  static Ec2InstanceType of(String name, BigDecimal usdPerHour) {
    var m = NAME.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an instance type name: " + name);
    }
    var family = m.group(1);
    var generationAndSuffix = m.group(2) + m.group(3);
    int vcpus =
        switch (m.group(5)) {
          case "medium" -> 1;
          case "large" -> 2;
          default -> 4 * (m.group(4).isEmpty() ? 1 : Integer.parseInt(m.group(4)));
        };
    var processor = PROCESSOR.get(generationAndSuffix);
    if (processor == null) {
      throw new IllegalArgumentException("no processor rule for " + name);
    }
    var architecture =
        processor.startsWith("AWS Graviton") ? Architecture.ARM64 : Architecture.X86_64;
    return switch (family) {
      // Burstable: medium and large have 2 vCPUs; 4 GiB per medium, doubling with each size.
      case "t" -> {
        int tVcpus = Math.max(2, vcpus);
        int gib = m.group(5).equals("medium") ? 4 : m.group(5).equals("large") ? 8 : 4 * vcpus;
        yield new Ec2InstanceType(
            name, tVcpus, BigDecimal.valueOf(gib), architecture, processor, 0, "", usdPerHour);
      }
      case "p" ->
          new Ec2InstanceType(
              name,
              96,
              BigDecimal.valueOf(1152),
              architecture,
              processor,
              8,
              "NVIDIA A100 40GB",
              usdPerHour);
      case "g" ->
          new Ec2InstanceType(
              name,
              vcpus,
              BigDecimal.valueOf(4L * vcpus),
              architecture,
              processor,
              vcpus == 48 || vcpus == 96 ? 4 : 1,
              m.group(2).equals("5") ? "NVIDIA A10G 24GB" : "NVIDIA L4 24GB",
              usdPerHour);
      default ->
          new Ec2InstanceType(
              name,
              vcpus,
              BigDecimal.valueOf((long) GIB_PER_VCPU.get(family) * vcpus),
              architecture,
              processor,
              0,
              "",
              usdPerHour);
    };
  }
}
