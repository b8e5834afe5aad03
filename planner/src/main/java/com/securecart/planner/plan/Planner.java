package com.securecart.planner.plan;

import com.securecart.planner.prices.Architecture;
import com.securecart.planner.prices.PriceTable;
import com.securecart.planner.prices.SpotDiscount;
import com.securecart.planner.simulation.FleetSettings;
import com.securecart.planner.simulation.FleetSimulator;
import com.securecart.planner.simulation.LambdaResult;
import com.securecart.planner.simulation.LambdaSettings;
import com.securecart.planner.simulation.LambdaSimulator;
import com.securecart.planner.simulation.LaunchTimes;
import com.securecart.planner.simulation.StepFunctions;
import com.securecart.planner.simulation.TrackingTarget;
import com.securecart.planner.traffic.AnnouncedEvent;
import com.securecart.planner.traffic.RequestsPerOrder;
import com.securecart.planner.traffic.TrafficProfile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a profile, measured capacity, securecart.json's tiers and the price snapshot into the
 * options table: each {@link PlanOption} is simulated tier by tier and priced. The assumptions that
 * are not in any input file are the constants below; planner/README.md lists them.
 */
public final class Planner {
  /** EC2 run-instances, boot and bundle download: not measurable here, an assumption. */
  static final int EC2_BOOT_SECONDS = 90;

  static final int WARM_POOL_START_SECONDS = 20;

  /** Fargate provisioning and image pull: an assumption. */
  static final int FARGATE_START_SECONDS = 60;

  /** The target groups' healthy threshold (2) times interval (10 s). */
  static final int HEALTH_CHECK_SECONDS = 20;

  static final int WARMUP_SECONDS = 300;

  /** A Fargate task's warm-up in the services' policies. */
  static final int FARGATE_WARMUP_SECONDS = 60;

  /**
   * The headroom rule: an x86 vCPU is one hyperthread of a core shared with another vCPU, so its
   * latency climbs earlier with utilization than a Graviton vCPU, which is a whole core. x86 tiers
   * track a CPU target this many points below Graviton's.
   */
  static final int X86_HEADROOM_POINTS = 10;

  /** The CPU target where securecart.json sets none (checkout tracks requests only). */
  static final int DEFAULT_CPU_TARGET = 60;

  /**
   * Lambda invocations per order: AuthorizePayment and ConfirmOrder from the state machine, and the
   * two e-mails from SQS (ADR 16, 17).
   */
  static final int LAMBDA_STEPS_PER_ORDER = 4;

  /** Standard state transitions per successful order; lambda's StateTransitionsIT counts them. */
  static final StepFunctions.Workflow ORDER_WORKFLOW = new StepFunctions.Workflow(6, 1000, 64);

  static final double STEP_DURATION_MS = 150;
  static final double STEP_INIT_MS = 1500;
  static final int LAMBDA_IDLE_SECONDS = 300;

  /**
   * Spot capacity reclaimed per hour unless {@code --spot-interruptions-per-hour} says otherwise:
   * AWS's Spot Instance Advisor gives, per instance type, the "frequency of interruption", the
   * share of Spot capacity reclaimed over the trailing month, in buckets (under 5%, 5-10%, 10-15%,
   * 15-20%, over 20%). The default takes the worst bucket's floor, 20% a month, over AWS's 730-hour
   * month: no bucket is published for Fargate Spot, so the planner assumes the worst.
   */
  public static final double DEFAULT_SPOT_INTERRUPTIONS_PER_HOUR = 0.20 / 730;

  /**
   * The seed of the Spot reclaims' draws, with the tier's name: the same run gives the same plan.
   */
  static final long SPOT_SEED = 17;

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

  /**
   * @param historyOrdersPerSecond whole days of normal traffic before the profile for predictive
   *     scaling's forecast; null: no history, so no predictive policy
   * @param spotInterruptionsPerHour the share of Spot capacity reclaimed per hour, with the
   *     two-minute notice, on Fargate Spot tasks and Spot web instances
   */
  public record Inputs(
      TrafficProfile profile,
      Capacity capacity,
      Infra infra,
      PriceTable prices,
      SpotDiscount spotDiscount,
      RequestsPerOrder mix,
      double[] historyOrdersPerSecond,
      double spotInterruptionsPerHour) {
    public Inputs {
      if (!(spotInterruptionsPerHour >= 0 && spotInterruptionsPerHour <= 1)) {
        throw new IllegalArgumentException(
            "Spot interruptions per hour is a fraction in [0, 1], got " + spotInterruptionsPerHour);
      }
    }
  }

  private final Inputs in;

  public Planner(Inputs in) {
    this.in = in;
  }

  /** Every option of {@link PlanOption#compared()}, in order. */
  public List<OptionResult> compare() {
    return PlanOption.compared().parallelStream().map(this::plan).toList();
  }

  public OptionResult plan(PlanOption option) {
    var tiers = new ArrayList<TierPlan>();
    Infra infra = in.infra();
    tiers.add(group("web", infra.web(), List.of("storefront", "recommendations"), option));
    tiers.add(group("checkout", infra.checkout(), List.of("checkout"), option));
    for (var entry : infra.services().entrySet()) {
      tiers.add(service(entry.getKey(), entry.getValue(), option));
    }
    int seconds = in.profile().seconds();
    double requestsPerOrder = 0;
    for (String role : Capacity.ROLES) {
      requestsPerOrder += in.mix().requests(role);
    }
    SharedCosts shared =
        SharedCosts.of(profileRates(), requestsPerOrder, in.prices(), in.spotDiscount());
    return new OptionResult(
        option,
        tiers,
        pipelineCost(option),
        shared,
        in.profile().orders(0, seconds),
        seconds / 3600.0);
  }

  private TierPlan group(String name, Infra.Group group, List<String> roles, PlanOption option) {
    String type = instanceType(group.instanceType(), option.architecture());
    var ec2 = in.prices().ec2(type);
    int cpuTarget = cpuTarget(group.cpuTargetPercent(), option.architecture());
    boolean spot = name.equals("web") && option.spotWeb();
    var launch =
        new LaunchTimes(
            EC2_BOOT_SECONDS,
            WARM_POOL_START_SECONDS,
            ready(roles),
            HEALTH_CHECK_SECONDS,
            WARMUP_SECONDS);
    var shape = new Shape(name, roles, ec2.vcpus(), cpuTarget, group.min(), group.max());
    FleetSettings.Predictive predictive = null;
    if (option.predictiveAndScheduled()
        && group.predictiveBufferSeconds() > 0
        && in.historyOrdersPerSecond() != null) {
      predictive =
          new FleetSettings.Predictive(
              group.predictiveBufferSeconds(),
              TrackingTarget.requestsPerTarget(shape.requestsPerTarget()),
              shape.load(in.historyOrdersPerSecond()));
    }
    var scheduled = scheduled(shape, option);
    var settings =
        new FleetSettings(
            group.min(),
            shape.max(),
            shape.capacityRps,
            shape.targets(),
            launch,
            spot ? 0 : group.warmPoolMin(),
            predictive,
            actions(scheduled),
            spot ? spot(name, 1, 2) : null,
            shape.curve(),
            shape.slo());
    return shape.run(
        type, settings, ec2.usdPerHour(), in.spotDiscount().apply(ec2.usdPerHour()), scheduled);
  }

  private TierPlan service(String name, Infra.Service service, PlanOption option) {
    Architecture arch = option.architecture();
    BigDecimal vcpus = BigDecimal.valueOf(service.cpu()).divide(BigDecimal.valueOf(1024));
    BigDecimal memoryGb = BigDecimal.valueOf(service.memoryMiB()).divide(BigDecimal.valueOf(1024));
    String runsOn;
    BigDecimal onDemand;
    BigDecimal spotPrice;
    double unitVcpus;
    int min;
    if (option.fargate()) {
      runsOn = "fargate %s vCPU %s GiB %s".formatted(vcpus, memoryGb, arch.id());
      onDemand = in.prices().fargate(arch).usdPerHour(vcpus, memoryGb);
      BigDecimal discount = in.spotDiscount().fraction().min(in.prices().fargateSpotMaxDiscount());
      spotPrice = new SpotDiscount(discount).apply(onDemand);
      unitVcpus = vcpus.doubleValue();
      min = service.min();
    } else {
      // On EC2 a service gets general-purpose instances of two vCPUs, as many as its tasks' vCPUs.
      runsOn = instanceType("m7g.large", arch);
      onDemand = in.prices().ec2(runsOn).usdPerHour();
      spotPrice = in.spotDiscount().apply(onDemand);
      unitVcpus = in.prices().ec2(runsOn).vcpus();
      min = Math.max(2, (int) Math.ceil(service.min() * vcpus.doubleValue() / unitVcpus));
    }
    if (!Capacity.ROLES.contains(name)) {
      // No role of its own in the capacity file (catalog): carried at its minimum.
      BigDecimal cost =
          onDemand.multiply(BigDecimal.valueOf(min)).multiply(BigDecimal.valueOf(hours()));
      return new TierPlan(name, runsOn, 0, 0, null, null, min, onDemand, cost, List.of());
    }
    int cpuTarget = cpuTarget(service.cpuTargetPercent(), arch);
    var launch =
        new LaunchTimes(
            option.fargate() ? FARGATE_START_SECONDS : EC2_BOOT_SECONDS,
            0,
            in.capacity().role(name).startToReadySeconds(),
            HEALTH_CHECK_SECONDS,
            option.fargate() ? FARGATE_WARMUP_SECONDS : WARMUP_SECONDS);
    var shape = new Shape(name, List.of(name), unitVcpus, cpuTarget, min, service.max());
    boolean spot = option.spotServices() && service.spotWeight() > 0;
    var scheduled = scheduled(shape, option);
    var settings =
        new FleetSettings(
            min,
            shape.max(),
            shape.capacityRps,
            shape.targets(),
            launch,
            0,
            null,
            actions(scheduled),
            spot ? spot(name, service.onDemandBase(), service.spotWeight()) : null,
            shape.curve(),
            shape.slo());
    return shape.run(runsOn, settings, onDemand, spotPrice, scheduled);
  }

  /**
   * The strategy with the reclaims of {@link Inputs#spotInterruptionsPerHour()}, seeded per tier.
   */
  private FleetSettings.Spot spot(String tier, int onDemandBase, int spotWeight) {
    return new FleetSettings.Spot(
        onDemandBase,
        spotWeight,
        List.of(),
        in.spotInterruptionsPerHour(),
        SPOT_SEED * 31 + tier.hashCode());
  }

  /** The sale's raise and restore, where the option schedules at all. */
  private List<TierPlan.EventAction> scheduled(Shape shape, PlanOption option) {
    return option.predictiveAndScheduled() ? shape.scheduled(saleLeadMinutes()) : List.of();
  }

  private static List<FleetSettings.ScheduledAction> actions(List<TierPlan.EventAction> anchored) {
    return anchored.stream().map(TierPlan.EventAction::action).toList();
  }

  /** A tier's load, capacity and derived targets. */
  private final class Shape {
    final String name;
    final List<String> roles;
    final int cpuTarget;
    final int configuredMin;
    final int configuredMax;
    final double capacityRps;
    final double[] load;

    Shape(String name, List<String> roles, double vcpus, int cpuTarget, int min, int max) {
      this.name = name;
      this.roles = roles;
      this.cpuTarget = cpuTarget;
      this.configuredMin = min;
      this.configuredMax = max;
      this.capacityRps = vcpus * rpsPerVcpu();
      this.load = load(profileRates());
    }

    /** Several roles on one instance: the mix's requests share its CPU, each at its own cost. */
    double rpsPerVcpu() {
      double requests = 0;
      double vcpuSecondsPerOrder = 0;
      for (String role : roles) {
        requests += in.mix().requests(role);
        vcpuSecondsPerOrder +=
            in.mix().requests(role) / in.capacity().role(role).requestsPerSecondPerVcpu();
      }
      return requests / vcpuSecondsPerOrder;
    }

    double[] load(double[] ordersPerSecond) {
      double perOrder = roles.stream().mapToDouble(in.mix()::requests).sum();
      var rps = new double[ordersPerSecond.length];
      for (int s = 0; s < rps.length; s++) {
        rps[s] = ordersPerSecond[s] * perOrder;
      }
      return rps;
    }

    double perInstanceAtTarget() {
      return capacityRps * cpuTarget / 100;
    }

    /** The request target that puts an instance at the CPU target: both policies agree. */
    int requestsPerTarget() {
      return (int) Math.round(perInstanceAtTarget() * 60);
    }

    List<TrackingTarget> targets() {
      return List.of(
          TrackingTarget.cpu(cpuTarget), TrackingTarget.requestsPerTarget(requestsPerTarget()));
    }

    /** Enough to carry the profile's peak at the target, or securecart.json's max if higher. */
    int max() {
      double peak = java.util.Arrays.stream(load).max().orElse(0);
      return Math.max(configuredMax, (int) Math.ceil(peak / perInstanceAtTarget()));
    }

    /** A raise {@code leadMinutes} before each announced event, and the floor back after it. */
    List<TierPlan.EventAction> scheduled(int leadMinutes) {
      var actions = new ArrayList<TierPlan.EventAction>();
      for (AnnouncedEvent event : in.profile().announced()) {
        double peak = 0;
        for (int s = event.startSecond(); s < event.endSecond(); s++) {
          peak = Math.max(peak, load[s]);
        }
        int needed =
            Math.min(max(), Math.max(configuredMin, (int) Math.ceil(peak / perInstanceAtTarget())));
        // Where the lead reaches back before second 0 the raise is at 0 and its offset is from
        // there, so that atSecond and offsetSeconds agree.
        int at = Math.max(0, event.startSecond() - leadMinutes * 60);
        actions.add(
            new TierPlan.EventAction(
                event.name(),
                "start",
                at - event.startSecond(),
                new FleetSettings.ScheduledAction(at, needed, needed)));
        actions.add(
            new TierPlan.EventAction(
                event.name(),
                "end",
                0,
                new FleetSettings.ScheduledAction(event.endSecond(), configuredMin, null)));
      }
      return actions;
    }

    com.securecart.planner.simulation.LatencyCurve curve() {
      return strictest().latency();
    }

    double slo() {
      return strictest().sloP99Ms();
    }

    private Capacity.Role strictest() {
      return roles.stream()
          .map(in.capacity()::role)
          .min(java.util.Comparator.comparingDouble(Capacity.Role::sloP99Ms))
          .orElseThrow();
    }

    TierPlan run(
        String runsOn,
        FleetSettings settings,
        BigDecimal onDemand,
        BigDecimal spot,
        List<TierPlan.EventAction> scheduled) {
      var result = new FleetSimulator(settings).run(load);
      long onDemandSeconds = result.instanceSeconds() - result.spotInstanceSeconds();
      BigDecimal cost =
          onDemand
              .multiply(BigDecimal.valueOf(onDemandSeconds))
              .add(spot.multiply(BigDecimal.valueOf(result.spotInstanceSeconds())))
              .divide(SECONDS_PER_HOUR, 10, java.math.RoundingMode.HALF_UP);
      return new TierPlan(
          name,
          runsOn,
          requestsPerTarget(),
          cpuTarget,
          settings,
          result,
          0,
          onDemand,
          cost,
          scheduled);
    }
  }

  private BigDecimal pipelineCost(PlanOption option) {
    double[] orders = profileRates();
    var steps = new double[orders.length];
    for (int s = 0; s < orders.length; s++) {
      steps[s] = orders[s] * LAMBDA_STEPS_PER_ORDER;
    }
    var pipeline = in.infra().pipeline();
    LambdaResult lambda =
        new LambdaSimulator(
                new LambdaSettings(
                    STEP_DURATION_MS,
                    STEP_INIT_MS,
                    pipeline.reservedConcurrency() * LAMBDA_STEPS_PER_ORDER,
                    pipeline.memoryMiB(),
                    LAMBDA_IDLE_SECONDS))
            .run(steps);
    var lambdaPrices = in.prices().lambda(option.architecture());
    // First-tier prices: the monthly volume tiers start far above a shop of this size.
    BigDecimal cost =
        lambdaPrices
            .usdPerRequest()
            .multiply(BigDecimal.valueOf(lambda.invocations()))
            .add(
                lambdaPrices
                    .gbSeconds()
                    .firstUsdPerUnit()
                    .multiply(BigDecimal.valueOf(lambda.gbSeconds())));
    double total = in.profile().orders(0, orders.length);
    var sfn = in.prices().stepFunctions();
    if (option.express()) {
      double gbHours = StepFunctions.expressGbSeconds(ORDER_WORKFLOW, total) / 3600;
      return cost.add(sfn.expressUsdPerRequest().multiply(BigDecimal.valueOf(total)))
          .add(sfn.expressGbHours().firstUsdPerUnit().multiply(BigDecimal.valueOf(gbHours)));
    }
    return cost.add(
        sfn.standardUsdPerTransition()
            .multiply(
                BigDecimal.valueOf(StepFunctions.standardTransitions(ORDER_WORKFLOW, total))));
  }

  private double[] profileRates() {
    var rates = new double[in.profile().seconds()];
    for (int s = 0; s < rates.length; s++) {
      rates[s] = in.profile().ordersPerSecond(s);
    }
    return rates;
  }

  private double hours() {
    return in.profile().seconds() / 3600.0;
  }

  private int ready(List<String> roles) {
    return roles.stream()
        .mapToInt(r -> in.capacity().role(r).startToReadySeconds())
        .max()
        .orElseThrow();
  }

  private int saleLeadMinutes() {
    return in.infra().checkout().saleLeadMinutes();
  }

  /**
   * Graviton keeps securecart.json's target; x86 keeps {@link #X86_HEADROOM_POINTS} more headroom.
   */
  static int cpuTarget(int configured, Architecture architecture) {
    int graviton = configured > 0 ? configured : DEFAULT_CPU_TARGET;
    return architecture == Architecture.ARM64 ? graviton : graviton - X86_HEADROOM_POINTS;
  }

  /** The same family and size on the other architecture: m7g.large <-> m7i.large. */
  static String instanceType(String configured, Architecture architecture) {
    String family = configured.substring(0, configured.indexOf('.'));
    String size = configured.substring(configured.indexOf('.'));
    String base = family.substring(0, family.length() - 1);
    char suffix = family.charAt(family.length() - 1);
    if (suffix != 'g' && suffix != 'i') {
      throw new IllegalArgumentException("no architecture variant of " + configured);
    }
    return base + (architecture == Architecture.ARM64 ? "g" : "i") + size;
  }
}
