package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DataStackTest {
  private final Synth synth = Synth.defaults();
  private final Settings.Data data = synth.settings().data();
  private final Template template = synth.template("SecureCart-Data");
  private final JsonNode tree = synth.tree("SecureCart-Data");

  @Test
  void aWriterAndTheSettingsReadersOnRSeriesGraviton() {
    List<JsonNode> instances = FoundationStackTest.resources(tree, "AWS::RDS::DBInstance");
    assertThat(instances).hasSize(1 + data.readers());
    assertThat(instances)
        .allSatisfy(
            i ->
                assertThat(i.at("/Properties/DBInstanceClass").asText())
                    .isEqualTo("db." + data.instanceType()));
  }

  @Test
  void theClusterIsEncryptedProtectedBackedUpAndTlsOnly() {
    template.hasResourceProperties(
        "AWS::RDS::DBCluster",
        Map.of(
            "Engine",
            "aurora-postgresql",
            "StorageEncrypted",
            true,
            "DeletionProtection",
            true,
            "EnableIAMDatabaseAuthentication",
            true,
            "BackupRetentionPeriod",
            data.backupDays(),
            "EnableCloudwatchLogsExports",
            List.of("postgresql")));
    template.hasResourceProperties(
        "AWS::RDS::DBClusterParameterGroup",
        Match.objectLike(Map.of("Parameters", Match.objectLike(Map.of("rds.force_ssl", "1")))));
  }

  @Test
  void theLoginRotatesEveryThirtyDays() {
    template.hasResourceProperties(
        "AWS::SecretsManager::RotationSchedule",
        Match.objectLike(
            Map.of(
                "RotationRules", Match.objectLike(Map.of("ScheduleExpression", "rate(30 days)")))));
  }

  @Test
  void onlyTheClientsGroupReachesThePort() {
    List<JsonNode> ingress = FoundationStackTest.resources(tree, "AWS::EC2::SecurityGroupIngress");
    assertThat(ingress).isNotEmpty();
    assertThat(ingress)
        .allSatisfy(
            rule -> {
              assertThat(rule.at("/Properties/CidrIp").isMissingNode()).isTrue();
              assertThat(rule.at("/Properties/SourceSecurityGroupId").isMissingNode()).isFalse();
            });
  }

  @Test
  void alarmsWatchCpuAndConnections() {
    List<String> names =
        FoundationStackTest.resources(tree, "AWS::CloudWatch::Alarm").stream()
            .map(a -> a.at("/Properties/AlarmName").asText())
            .toList();
    assertThat(names).contains("securecart-data-cpu", "securecart-data-connections");
  }
}
