package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class FoundationStackTest {
  private final Synth synth = Synth.defaults();
  private final Template template = synth.template("SecureCart-Foundation");

  @Test
  void theVpcSpansThreeZonesWithFourSubnetGroupsAndANatPerZone() {
    template.resourceCountIs("AWS::EC2::Subnet", 12);
    template.resourceCountIs("AWS::EC2::NatGateway", 3);
    JsonNode tree = synth.tree("SecureCart-Foundation");
    long zones =
        resources(tree, "AWS::EC2::Subnet").stream()
            .map(s -> s.at("/Properties/AvailabilityZone/Fn::Select/0").asInt())
            .distinct()
            .count();
    assertThat(zones).isEqualTo(3);
  }

  @Test
  void flowLogsCaptureAllTrafficIntoAnEncryptedYearLongLogGroup() {
    template.hasResourceProperties("AWS::EC2::FlowLog", Map.of("TrafficType", "ALL"));
    template.hasResourceProperties(
        "AWS::Logs::LogGroup",
        Map.of(
            "RetentionInDays",
            365,
            "KmsKeyId",
            Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue()))));
  }

  @Test
  void privateSubnetsReachAwsApisThroughEndpoints() {
    JsonNode tree = synth.tree("SecureCart-Foundation");
    List<String> services =
        resources(tree, "AWS::EC2::VPCEndpoint").stream()
            .map(e -> e.at("/Properties/ServiceName").toString())
            .toList();
    assertThat(String.join(" ", services))
        .contains(
            ".s3",
            ".ssm",
            ".secretsmanager",
            ".ecr.dkr",
            ".logs",
            ".sqs",
            ".states",
            ".kms",
            ".xray",
            ".email-smtp");
    template.hasResourceProperties(
        "AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Interface", "PrivateDnsEnabled", true));
  }

  @Test
  void theKeyRotatesAndTheAlarmTopicIsEncryptedAndTlsOnly() {
    template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
    template.hasResourceProperties("AWS::SNS::TopicPolicy", Matchers.denyingInsecureTransport());
  }

  @Test
  void imagesAreImmutableScannedAndEncrypted() {
    template.hasResourceProperties(
        "AWS::ECR::Repository",
        Map.of(
            "ImageTagMutability", "IMMUTABLE",
            "ImageScanningConfiguration", Map.of("ScanOnPush", true),
            "EncryptionConfiguration", Match.objectLike(Map.of("EncryptionType", "KMS"))));
  }

  static List<JsonNode> resources(JsonNode tree, String type) {
    return tree.path("Resources")
        .valueStream()
        .filter(r -> r.path("Type").asText().equals(type))
        .toList();
  }
}
