package com.securecart.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The architecture picture for docs/aws.md, as a Mermaid flowchart whose boxes and counts are read
 * from the synthesized templates (load balancers by type, Auto Scaling groups by instance type,
 * Fargate services, functions, queues, Batch, database instances, the EKS cluster and its system
 * nodes). The arrows are the traffic paths the stacks wire. {@code java ... Diagram DIR}.
 */
public final class Diagram {
  private Diagram() {}

  public static void main(String[] args) {
    System.out.print(mermaid(new SeedTable.Templates(java.nio.file.Path.of(args[0]))));
  }

  static String mermaid(SeedTable.Templates t) {
    Map<String, Integer> groups = new TreeMap<>();
    Map<String, Integer> lbs = new TreeMap<>();
    int services = 0;
    int functions = 0;
    int queues = 0;
    int machines = 0;
    int batch = 0;
    int alarms = 0;
    int clusters = 0;
    List<String> eksNodes = new ArrayList<>();
    List<String> db = new ArrayList<>();
    for (SeedTable.Resource r : t.resources) {
      switch (r.type()) {
        case "AWS::AutoScaling::AutoScalingGroup" ->
            groups.merge(
                (r.stack().endsWith("Foundation") ? "inspection:" : "") + SeedTable.instanceType(r),
                1,
                Integer::sum);
        case "AWS::ElasticLoadBalancingV2::LoadBalancer" ->
            lbs.merge(
                (r.text("/Scheme").equals("internal") ? "internal " : "")
                    + (r.text("/Type").isBlank() ? "application" : r.text("/Type")),
                1,
                Integer::sum);
        case "AWS::ECS::Service" -> services++;
        case "AWS::Lambda::Function" -> functions += r.text("/Runtime").startsWith("java") ? 1 : 0;
        case "AWS::SQS::Queue" -> queues++;
        case "AWS::StepFunctions::StateMachine" -> machines++;
        case "AWS::Batch::ComputeEnvironment" -> batch++;
        case "AWS::RDS::DBInstance" -> db.add(r.text("/DBInstanceClass"));
        case "AWS::CloudWatch::Alarm" -> alarms++;
        case "AWS::EKS::Cluster" -> clusters++;
        case "AWS::EKS::Nodegroup" ->
            eksNodes.add(r.text("/ScalingConfig/DesiredSize") + " × " + r.text("/InstanceTypes/0"));
        default -> {}
      }
    }
    StringBuilder m = new StringBuilder("flowchart LR\n");
    m.append("  internet((Internet)) --> igw[Internet gateway]\n");
    m.append("  igw --> gwlb[\"Gateway Load Balancer endpoints<br/>")
        .append(lbs.getOrDefault("gateway", 0))
        .append(" GWLB, inspection appliances ")
        .append(of(groups, "c7g"))
        .append("\"]\n");
    m.append("  gwlb --> alb[\"ALB + WAF<br/>")
        .append(lbs.getOrDefault("application", 0))
        .append(" application\"]\n");
    m.append("  gwlb --> nlb[\"NLB: live stock and order status streams<br/>")
        .append(lbs.getOrDefault("network", 0))
        .append(" network\"]\n");
    m.append("  alb --> web[\"Storefront + API<br/>")
        .append(of(groups, "m7g"))
        .append(of(groups, "m8g"))
        .append("\"]\n");
    m.append("  alb -->|/api/checkout*, /checkout*| checkout[\"Checkout<br/>")
        .append(of(groups, "c7g"))
        .append(of(groups, "c8g"))
        .append("\"]\n");
    m.append("  alb -->|admin host| admin[\"Admin<br/>").append(of(groups, "t4g")).append("\"]\n");
    m.append("  alb -->|catalog, search, cart paths| fargate[\"ECS on Fargate ARM64<br/>")
        .append(services)
        .append(" services\"]\n");
    m.append("  nlb --> web\n");
    m.append("  web & checkout & admin & fargate --> aurora[(\"Aurora PostgreSQL<br/>")
        .append(String.join(", ", db))
        .append("\")]\n");
    m.append("  web -->|outbox relay| sfn[\"Step Functions<br/>")
        .append(machines)
        .append(" state machine\"]\n");
    m.append("  sfn --> lambda[\"Lambda arm64 SnapStart<br/>")
        .append(functions)
        .append(" Java functions\"]\n");
    m.append("  web -->|outbox relay| sqs[\"SQS + DLQ<br/>")
        .append(queues)
        .append(" queues\"] --> lambda\n");
    m.append("  lambda --> aurora\n  lambda --> ses[SES]\n");
    m.append("  eks[\"EKS: the AI recommendation system<br/>")
        .append(clusters)
        .append(" cluster, system nodes ")
        .append(String.join(", ", eksNodes))
        .append(", Karpenter pools, KEDA\"]\n");
    m.append("  eks --> aurora\n");
    m.append("  web & checkout -->|recommendations: ")
        .append(lbs.getOrDefault("internal application", 0))
        .append(" internal ALB| eks\n");
    m.append("  scheduler[EventBridge Scheduler 02:00] --> batch[\"AWS Batch on Spot<br/>")
        .append(batch)
        .append(" compute environment\"] --> aurora\n");
    m.append("  cw[\"CloudWatch<br/>")
        .append(alarms)
        .append(" alarms\"] -.-> sns[SNS alarm topic]\n");
    return m.toString();
  }

  private static String of(Map<String, Integer> groups, String family) {
    StringBuilder out = new StringBuilder();
    groups.forEach(
        (type, n) -> {
          if (type.startsWith(family + ".")) {
            out.append(n)
                .append(n == 1 ? " group " : " groups ")
                .append(type.substring(type.indexOf(':') + 1))
                .append(' ');
          }
        });
    return out.toString();
  }
}
