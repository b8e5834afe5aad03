package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
    assertThat(data.at("/UserData").toString()).contains("suricata", "6081");
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
