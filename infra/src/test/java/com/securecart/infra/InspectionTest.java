package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectionTest {
  private final Synth synth = Synth.defaults();
  private final JsonNode tree = synth.tree("SecureCart-Foundation");
  private final Settings.Inspection settings = synth.settings().inspection();

  @Test
  void aGatewayLoadBalancerInTheAppSubnetsForwardsGeneveToTheAppliances() {
    JsonNode gwlb = only("AWS::ElasticLoadBalancingV2::LoadBalancer");
    assertThat(gwlb.at("/Properties/Type").asText()).isEqualTo("gateway");
    assertThat(gwlb.at("/Properties/Subnets").toString()).contains("VpcappSubnet");
    JsonNode targets = only("AWS::ElasticLoadBalancingV2::TargetGroup");
    assertThat(targets.at("/Properties/Protocol").asText()).isEqualTo("GENEVE");
    assertThat(targets.at("/Properties/Port").asInt()).isEqualTo(6081);
    JsonNode asg = only("AWS::AutoScaling::AutoScalingGroup");
    assertThat(asg.at("/Properties/MinSize").asText()).isEqualTo(String.valueOf(settings.min()));
    assertThat(asg.at("/Properties/MaxSize").asText()).isEqualTo(String.valueOf(settings.max()));
    assertThat(asg.at("/Properties/HealthCheckType").asText()).isEqualTo("ELB");
    assertThat(asg.at("/Properties/TargetGroupARNs/0/Ref").asText())
        .startsWith("InspectionTargets");
    JsonNode data = only("AWS::EC2::LaunchTemplate").at("/Properties/LaunchTemplateData");
    assertThat(data.at("/InstanceType").asText()).isEqualTo(settings.instanceType());
    assertThat(data.at("/ImageId/Ref").asText()).contains("arm64");
    assertThat(data.at("/MetadataOptions/HttpTokens").asText()).isEqualTo("required");
    assertThat(data.at("/UserData").toString())
        .contains(
            "suricata",
            "6081",
            "export SECURECART_GWLB_NAME='securecart-inspection'",
            // Every zone's load balancer interface, since cross-zone load balancing is on.
            "export SECURECART_GWLB_INTERFACES='3'",
            "export SECURECART_HEALTH_PORT='80'");
  }

  @Test
  void crossZoneIsOnAndTheScriptAnswersTheTargetGroupsHealthCheck() {
    JsonNode gwlb = only("AWS::ElasticLoadBalancingV2::LoadBalancer");
    assertThat(gwlb.at("/Properties/LoadBalancerAttributes").toString())
        .contains("{\"Key\":\"load_balancing.cross_zone.enabled\",\"Value\":\"true\"}");
    JsonNode targets = only("AWS::ElasticLoadBalancingV2::TargetGroup").path("Properties");
    assertThat(targets.path("HealthCheckProtocol").asText()).isEqualTo("HTTP");
    assertThat(targets.path("HealthCheckPort").asText()).isEqualTo("80");
    assertThat(targets.path("HealthCheckPath").asText()).isEqualTo("/");
    String script = NodeScript.text("inspection-node.sh");
    assertThat(script)
        .contains(
            "http.server $SECURECART_HEALTH_PORT",
            // No zone filter: the interfaces of every zone.
            "Values=ELB gwy/$SECURECART_GWLB_NAME/*\" \\\n")
        .doesNotContain("availability-zone", "epel");
    // The appliances boot after the load balancer exists (they look up its interfaces).
    String listener = id("InspectionListener");
    JsonNode asg = only("AWS::AutoScaling::AutoScalingGroup");
    assertThat(asg.path("DependsOn").toString()).contains(listener);
  }

  @Test
  void onlyTheAppSubnetsWhereTheLoadBalancerLivesReachTheAppliances() {
    JsonNode resources = tree.path("Resources");
    List<String> app = new ArrayList<>();
    for (int zone = 1; zone <= 3; zone++) {
      app.add(
          resources
              .at("/" + id("VpcappSubnet" + zone + "Subnet") + "/Properties/CidrBlock")
              .asText());
    }
    JsonNode group =
        resources.path(id("InspectionAppliances")).at("/Properties/SecurityGroupIngress");
    List<String> rules =
        group
            .valueStream()
            .map(
                r ->
                    r.path("IpProtocol").asText()
                        + " "
                        + r.path("FromPort").asInt()
                        + "-"
                        + r.path("ToPort").asInt()
                        + " "
                        + r.path("CidrIp").asText())
            .toList();
    List<String> expected = new ArrayList<>();
    for (String cidr : app) {
      expected.add("udp 6081-6081 " + cidr);
      expected.add("tcp 80-80 " + cidr);
    }
    assertThat(rules).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(rules.toString()).doesNotContain(FoundationStack.CIDR);
  }

  @Test
  void theApplianceReachesTheEc2ApiWithoutNatAndPublishesOnlyItsOwnMetric() {
    List<JsonNode> ec2 =
        FoundationStackTest.resources(tree, "AWS::EC2::VPCEndpoint").stream()
            .filter(e -> e.at("/Properties/ServiceName").toString().contains(".ec2\""))
            .toList();
    assertThat(ec2).hasSize(1);
    assertThat(ec2.getFirst().at("/Properties/PrivateDnsEnabled").asBoolean()).isTrue();
    assertThat(ec2.getFirst().at("/Properties/SubnetIds").toString())
        .contains("VpcappSubnet1", "VpcappSubnet2", "VpcappSubnet3");
    JsonNode policy = tree.path("Resources").path(id("InspectionAppliancePolicy"));
    JsonNode statements = policy.at("/Properties/PolicyDocument/Statement");
    assertThat(statements.toString())
        .contains(
            "\"Action\":\"cloudwatch:PutMetricData\"",
            "{\"StringEquals\":{\"cloudwatch:namespace\":\"SecureCart/Inspection\"}}");
  }

  @Test
  void anEndpointServiceWithOneEndpointPerZoneInTheEdgeSubnets() {
    JsonNode service = only("AWS::EC2::VPCEndpointService");
    assertThat(service.at("/Properties/AcceptanceRequired").asBoolean(true)).isFalse();
    List<JsonNode> endpoints = endpoints();
    assertThat(endpoints).hasSize(3);
    for (int zone = 1; zone <= 3; zone++) {
      assertThat(endpoints.get(zone - 1).at("/Properties/SubnetIds/0/Ref").asText())
          .startsWith("VpcedgeSubnet" + zone);
    }
  }

  @Test
  void internetTrafficOfEachPublicSubnetPassesItsZonesEndpoint() {
    JsonNode association = only("AWS::EC2::GatewayRouteTableAssociation");
    assertThat(association.at("/Properties/GatewayId/Ref").asText()).startsWith("VpcIGW");
    String edgeTable = association.at("/Properties/RouteTableId/Ref").asText();
    JsonNode resources = tree.path("Resources");
    for (int zone = 1; zone <= 3; zone++) {
      String publicSubnet = id("VpcpublicSubnet" + zone + "Subnet");
      String edgeSubnet = id("VpcedgeSubnet" + zone + "Subnet");
      // Same zone: the subnets select the same index of Fn::GetAZs.
      assertThat(resources.at("/" + publicSubnet + "/Properties/AvailabilityZone"))
          .isEqualTo(resources.at("/" + edgeSubnet + "/Properties/AvailabilityZone"));
      String endpoint = id("InspectionEndpoint" + zone);
      assertThat(resources.at("/" + endpoint + "/Properties/SubnetIds/0/Ref").asText())
          .isEqualTo(edgeSubnet);
      String cidr = resources.at("/" + publicSubnet + "/Properties/CidrBlock").asText();
      // Inbound: the internet gateway sends the subnet's range to the zone's endpoint.
      JsonNode inbound = route(edgeTable, cidr);
      assertThat(inbound.at("/Properties/VpcEndpointId/Ref").asText()).isEqualTo(endpoint);
      // Outbound: the subnet's default route goes to the same endpoint, not the gateway.
      String table = id("VpcpublicSubnet" + zone + "RouteTable");
      JsonNode outbound = route(table, "0.0.0.0/0");
      assertThat(outbound.at("/Properties/VpcEndpointId/Ref").asText()).isEqualTo(endpoint);
      assertThat(outbound.at("/Properties").has("GatewayId")).isFalse();
      // The endpoints' own subnets keep the internet gateway.
      JsonNode edgeDefault = route(id("VpcedgeSubnet" + zone + "RouteTable"), "0.0.0.0/0");
      assertThat(edgeDefault.at("/Properties/GatewayId/Ref").asText()).startsWith("VpcIGW");
    }
  }

  private JsonNode route(String table, String destination) {
    List<JsonNode> routes =
        FoundationStackTest.resources(tree, "AWS::EC2::Route").stream()
            .filter(r -> r.at("/Properties/RouteTableId/Ref").asText().equals(table))
            .filter(r -> r.at("/Properties/DestinationCidrBlock").asText().equals(destination))
            .toList();
    assertThat(routes).as(table + " " + destination).hasSize(1);
    return routes.getFirst();
  }

  private List<JsonNode> endpoints() {
    return FoundationStackTest.resources(tree, "AWS::EC2::VPCEndpoint").stream()
        .filter(e -> e.at("/Properties/VpcEndpointType").asText().equals("GatewayLoadBalancer"))
        .toList();
  }

  private String id(String prefix) {
    List<String> ids =
        tree.path("Resources")
            .propertyStream()
            .map(Map.Entry::getKey)
            .filter(id -> id.matches(prefix + "[0-9A-F]{8}"))
            .toList();
    assertThat(ids).as(prefix).hasSize(1);
    return ids.getFirst();
  }

  private JsonNode only(String type) {
    List<JsonNode> all = FoundationStackTest.resources(tree, type);
    assertThat(all).as(type).hasSize(1);
    return all.getFirst();
  }
}
