package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EC2 user data scripts as far as this machine allows: shellcheck on both, and dry runs with
 * stub commands first on PATH and every path rooted in a temp directory: the node script (dnf, aws,
 * unzip, id, useradd, systemctl, the CloudWatch agent's control) and the inspection appliance's
 * (dnf, sysctl, curl for the instance metadata, aws, iptables, systemctl, sleep, ip). What needs an
 * account (the real packages, the bucket, the secrets, systemd) is named in docs/aws.md.
 */
class UserDataIT {
  private static final String STATE_MACHINE =
      "arn:aws:states:eu-west-1:123456789012:stateMachine:securecart-order-pipeline";
  private static final String QUEUE =
      "https://sqs.eu-west-1.amazonaws.com/123456789012/securecart-notifications";
  private static final String DB_SECRET = "arn:aws:secretsmanager:eu-west-1:1:secret:db";
  private static final String ADMIN_SECRET = "arn:aws:secretsmanager:eu-west-1:1:secret:admin";
  private static final String STRIPE_SECRET =
      "arn:aws:secretsmanager:eu-west-1:1:secret:securecart/payment-provider";

  @TempDir Path dir;

  @Test
  void scriptsPassShellcheck() throws Exception {
    boolean present = run(List.of("sh", "-c", "command -v shellcheck"), Map.of()).exit == 0;
    if (!present) {
      assertThat(System.getenv("CI")).as("shellcheck is required on CI").isNotEqualTo("true");
      assumeTrue(false, "shellcheck is not installed");
    }
    for (String name : List.of("securecart-node.sh", "inspection-node.sh")) {
      Path file = dir.resolve(name);
      Files.writeString(file, NodeScript.script(name, Map.of("SECURECART_X", "1")));
      Result result = run(List.of("shellcheck", "--shell=bash", file.toString()), Map.of());
      assertThat(result.exit).as(name + ": " + result.output).isZero();
    }
  }

  @Test
  void aDryRunWritesTheUnitTheEnvFileAndTheAgentConfig() throws Exception {
    Path root = dir.resolve("root");
    // A password with a double quote and a backslash: the env file must escape it for systemd.
    Result result = dryRun(root, "s3\"cr\\t");
    assertThat(result.exit).as(result.output).isZero();

    String unit = Files.readString(root.resolve("etc/systemd/system/securecart.service"));
    assertThat(unit)
        .contains(
            "User=securecart",
            "Restart=always",
            "EnvironmentFile=/etc/securecart/securecart.env",
            "ExecStart=/usr/bin/java -XX:MaxRAMPercentage=75 -jar /opt/securecart/securecart.jar",
            "Description=SecureCart (api,workers)");

    Path envFile = root.resolve("etc/securecart/securecart.env");
    assertThat(Files.getPosixFilePermissions(envFile))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    List<String> env = Files.readAllLines(envFile);
    assertThat(env)
        .contains(
            "SECURECART_ROLES=\"api,workers\"",
            "SECURECART_PORT=\"8080\"",
            "SECURECART_DB_URL=\"jdbc:postgresql://writer.example:5432/securecart?sslmode=verify-full\"",
            "SECURECART_BATCH_READ_DB_URL=\"jdbc:postgresql://reader.example:5432/securecart?sslmode=verify-full\"",
            "SECURECART_DB_SSLMODE=\"verify-full\"",
            "SECURECART_DB_SSLROOTCERT=\"aws-rds\"",
            "SECURECART_DB_SECRET_ARN=\"" + DB_SECRET + "\"",
            "SECURECART_ADMIN_EMAIL=\"admin@shop.example.com\"",
            "SECURECART_ADMIN_PASSWORD=\"s3\\\"cr\\\\t\"",
            "SECURECART_AWS_REGION=\"eu-west-1\"",
            "SECURECART_TRUSTED_PROXIES=\"10.40.1.0/24,10.40.2.0/24\"",
            "SECURECART_PIPELINE=\"stepfunctions\"",
            "SECURECART_STATE_MACHINE_ARN=\"" + STATE_MACHINE + "\"",
            "SECURECART_NOTIFICATION_QUEUE_URL=\"" + QUEUE + "\"",
            "SECURECART_RECOMMENDATIONS_URL=\"http://recommendations.internal/\"",
            "SECURECART_OTLP_ENDPOINT=\"http://127.0.0.1:4318/v1/traces\"",
            // Real payments: the server reads the keys from their secret, never this file.
            "SECURECART_ENV=\"production\"",
            "SECURECART_PAYMENTS=\"stripe\"",
            "SECURECART_STRIPE_SECRET_ARN=\"" + STRIPE_SECRET + "\"");
    assertThat(String.join("\n", env))
        .doesNotContain("SECURECART_STRIPE_SECRET_KEY", "SECURECART_ALLOW_SANDBOX_PAYMENTS");

    String agent =
        Files.readString(
            root.resolve("opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json"));
    assertThat(agent)
        .contains(
            "\"namespace\": \"CWAgent\"",
            "mem_used_percent",
            "\"AutoScalingGroupName\": \"${aws:AutoScalingGroupName}\"");
    // Valid JSON, with an OTLP receiver on loopback whose port is the env file's endpoint.
    JsonNode config = new ObjectMapper().readTree(agent);
    JsonNode otlp = config.at("/traces/traces_collected/otlp");
    assertThat(otlp.path("http_endpoint").asText()).isEqualTo("127.0.0.1:4318");
    assertThat(otlp.path("grpc_endpoint").asText()).isEqualTo("127.0.0.1:4317");
    assertThat(config.at("/metrics/metrics_collected/mem/measurement/0").asText())
        .isEqualTo("mem_used_percent");
    assertThat(root.resolve("opt/securecart/securecart.jar")).exists();
    assertThat(root.resolve("opt/securecart/bundle.zip")).doesNotExist();

    List<String> calls = Files.readAllLines(dir.resolve("calls.log"));
    assertThat(calls)
        .containsSubsequence(
            "dnf install -y java-25-amazon-corretto-headless amazon-cloudwatch-agent unzip jq",
            "id -u securecart",
            "useradd --system --home-dir /opt/securecart --shell /sbin/nologin securecart",
            "aws s3 cp --region eu-west-1 s3://assets/bundle.zip "
                + root.resolve("opt/securecart/bundle.zip"),
            "unzip -o -q "
                + root.resolve("opt/securecart/bundle.zip")
                + " -d "
                + root.resolve("opt/securecart"),
            "aws secretsmanager get-secret-value --region eu-west-1 --secret-id "
                + ADMIN_SECRET
                + " --query SecretString --output text",
            "amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c"
                + " file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json",
            "systemctl daemon-reload",
            "systemctl enable --now securecart.service",
            "systemctl enable --now --no-block securecart-ready.service");
    assertThat(Files.readString(root.resolve("etc/systemd/system/securecart-ready.service")))
        .contains(
            "Type=oneshot",
            "After=securecart.service",
            "EnvironmentFile=/etc/securecart/securecart.env",
            "ExecStart=/opt/securecart/bin/securecart-ready");
    assertThat(root.resolve("opt/securecart/bin/securecart-ready")).isExecutable();
  }

  @Test
  void anAdminSecretStoredAsJsonGivesItsEmailAndPassword() throws Exception {
    Path root = dir.resolve("root");
    Result result = dryRun(root, "{\"email\":\"boss@shop.example.com\",\"password\":\"pw\"}");
    assertThat(result.exit).as(result.output).isZero();
    assertThat(Files.readAllLines(root.resolve("etc/securecart/securecart.env")))
        .contains(
            "SECURECART_ADMIN_EMAIL=\"boss@shop.example.com\"", "SECURECART_ADMIN_PASSWORD=\"pw\"");
  }

  @Test
  void theAdminSecretMayProvisionTheOwnersTotpAndTheAdminHostIsPassedOn() throws Exception {
    Path root = dir.resolve("root");
    Result result =
        dryRun(
            root,
            "{\"email\":\"boss@shop.example.com\",\"password\":\"pw\","
                + "\"totpSecret\":\"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\"}");
    assertThat(result.exit).as(result.output).isZero();
    assertThat(Files.readAllLines(root.resolve("etc/securecart/securecart.env")))
        .contains(
            "SECURECART_ADMIN_TOTP_SECRET=\"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\"",
            "SECURECART_ADMIN_HOST=\"admin.shop.example.com\"");
  }

  @Test
  void aStagingSandboxIsAllowedExplicitlyAndNamesNoKeysSecret() throws Exception {
    Map<String, String> parameters = parameters();
    parameters.remove("SECURECART_STRIPE_SECRET_ARN");
    parameters.put("SECURECART_PAYMENTS", "sandbox");
    parameters.put("SECURECART_ALLOW_SANDBOX_PAYMENTS", "true");
    Path root = dir.resolve("root");
    Result result = dryRun(root, "pw", parameters);
    assertThat(result.exit).as(result.output).isZero();
    List<String> env = Files.readAllLines(root.resolve("etc/securecart/securecart.env"));
    assertThat(env)
        .contains(
            "SECURECART_ENV=\"production\"",
            "SECURECART_PAYMENTS=\"sandbox\"",
            "SECURECART_ALLOW_SANDBOX_PAYMENTS=\"true\"");
    assertThat(String.join("\n", env)).doesNotContain("SECURECART_STRIPE_SECRET_ARN");
  }

  @Test
  void aMissingParameterStopsTheScriptBeforeItInstallsAnything() throws Exception {
    Map<String, String> parameters = parameters();
    parameters.remove("SECURECART_DB_SECRET_ARN");
    Result result = dryRun(dir.resolve("root"), "x", parameters);
    assertThat(result.exit).isNotZero();
    assertThat(result.output).contains("SECURECART_DB_SECRET_ARN");
    assertThat(dir.resolve("calls.log")).doesNotExist();
  }

  @Test
  void theInspectionScriptForwardsAndAnswersHealthFirstAndAFailedIdsInstallDoesNotFailIt()
      throws Exception {
    Path root = dir.resolve("root");
    Result result = inspectionDryRun(root, false, 3);
    assertThat(result.exit).as(result.output).isZero();
    List<String> calls = Files.readAllLines(dir.resolve("calls.log"));
    List<String> forwarding = new ArrayList<>();
    forwarding.add("dnf install -y iptables-nft");
    forwarding.add("sysctl -w net.ipv4.ip_forward=1");
    // No zone filter: every zone's load balancer interface (cross-zone load balancing is on).
    forwarding.add(
        "aws ec2 describe-network-interfaces --region eu-west-1 --filters"
            + " Name=description,Values=ELB gwy/securecart-inspection/*"
            + " --query NetworkInterfaces[].PrivateIpAddress --output text");
    for (String gwlb : List.of("10.40.32.5", "10.40.48.5", "10.40.64.5")) {
      forwarding.add(
          "iptables -t nat -A PREROUTING -p udp -s "
              + gwlb
              + " -d 10.40.32.10 --dport 6081 -j DNAT --to-destination "
              + gwlb
              + ":6081");
      forwarding.add(
          "iptables -t nat -A POSTROUTING -p udp --dport 6081 -s "
              + gwlb
              + " -d "
              + gwlb
              + " -j MASQUERADE");
    }
    List<String> order = new ArrayList<>(forwarding);
    order.addAll(
        List.of(
            "systemctl daemon-reload",
            "systemctl start securecart-health.service",
            "dnf install -y suricata",
            "aws cloudwatch put-metric-data --region eu-west-1 --namespace SecureCart/Inspection"
                + " --metric-name IdsRunning --value 0"));
    assertThat(calls).containsSubsequence(order);
    assertThat(calls).noneMatch(c -> c.contains("enable --now suricata") || c.contains("epel"));

    String unit = Files.readString(root.resolve("etc/systemd/system/securecart-health.service"));
    assertThat(unit)
        .contains(
            "ExecStart=/usr/bin/python3 -m http.server 80 --bind 0.0.0.0 --directory"
                + " /var/lib/securecart-health",
            "DynamicUser=yes")
        // Not started at boot: after a reboot the forwarding rules are gone.
        .doesNotContain("[Install]");
    assertThat(root.resolve("var/lib/securecart-health/index.html")).hasContent("ok");
    assertThat(Files.readString(root.resolve("var/log/securecart-inspection.log")))
        .contains("health: answering on port 80", "ids: NOT RUNNING");
  }

  @Test
  void theInspectionScriptStartsSuricataWhereItCanBeInstalled() throws Exception {
    Path root = dir.resolve("root");
    Result result = inspectionDryRun(root, true, 3);
    assertThat(result.exit).as(result.output).isZero();
    assertThat(Files.readAllLines(dir.resolve("calls.log")))
        .containsSubsequence(
            "systemctl start securecart-health.service",
            "dnf install -y suricata",
            "suricata-update",
            "systemctl enable --now suricata",
            "aws cloudwatch put-metric-data --region eu-west-1 --namespace SecureCart/Inspection"
                + " --metric-name IdsRunning --value 1");
    assertThat(root.resolve("etc/sysconfig/suricata"))
        .hasContent("OPTIONS=\"-i ens5 --set decoder.geneve.enabled=true\"");
  }

  @Test
  void anApplianceThatCannotFindEveryInterfaceNeverAnswersHealthChecks() throws Exception {
    Result result = inspectionDryRun(dir.resolve("root"), true, 2);
    assertThat(result.exit).isNotZero();
    assertThat(result.output).contains("FAILED, only 2 of 3 interfaces");
    List<String> calls = Files.readAllLines(dir.resolve("calls.log"));
    assertThat(calls).filteredOn(c -> c.startsWith("sleep")).hasSize(30);
    assertThat(calls).noneMatch(c -> c.startsWith("iptables") || c.contains("securecart-health"));
  }

  /** The inspection script with stubs: the load balancer has {@code interfaces} interfaces. */
  private Result inspectionDryRun(Path root, boolean suricataInstalls, int interfaces)
      throws Exception {
    Files.createDirectories(root);
    Path stubs = dir.resolve("inspection-stubs");
    Files.createDirectories(stubs);
    // The name, then the arguments if any (suricata-update has none).
    String log = "echo \"$(basename \"$0\")${*:+ $*}\" >>\"$CALLS\"\n";
    for (String name : List.of("sysctl", "iptables", "systemctl", "sleep", "suricata-update")) {
      stub(stubs, name, log);
    }
    stub(stubs, "dnf", log + (suricataInstalls ? "" : "[[ \"$*\" != *suricata* ]]\n"));
    stub(stubs, "ip", log + "echo '1.1.1.1 via 10.40.32.1 dev ens5 src 10.40.32.10 uid 0'\n");
    stub(
        stubs,
        "curl",
        "case \"$*\" in\n"
            + "  *api/token*) echo token ;;\n"
            + "  *local-ipv4*) echo 10.40.32.10 ;;\n"
            + "  *) exit 22 ;;\n"
            + "esac\n");
    String addresses =
        String.join("\t", List.of("10.40.32.5", "10.40.48.5", "10.40.64.5").subList(0, interfaces));
    stub(
        stubs,
        "aws",
        log
            + "if [[ \"$1 $2\" == 'ec2 describe-network-interfaces' ]]; then printf '"
            + addresses
            + "\\n'; fi\n");
    Path script = dir.resolve("inspection.sh");
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("SECURECART_GWLB_NAME", "securecart-inspection");
    parameters.put("SECURECART_GWLB_INTERFACES", "3");
    parameters.put("SECURECART_HEALTH_PORT", "80");
    parameters.put("SECURECART_AWS_REGION", "eu-west-1");
    Files.writeString(script, NodeScript.script("inspection-node.sh", parameters));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", stubs + ":" + System.getenv("PATH"));
    env.put("SECURECART_ROOT", root.toString());
    env.put("CALLS", dir.resolve("calls.log").toString());
    return run(List.of("bash", script.toString()), env);
  }

  private Result dryRun(Path root, String adminSecret) throws Exception {
    return dryRun(root, adminSecret, parameters());
  }

  private Result dryRun(Path root, String adminSecret, Map<String, String> parameters)
      throws Exception {
    Files.createDirectories(root);
    Path stubs = stubs(adminSecret);
    Path script = dir.resolve("node.sh");
    Files.writeString(script, NodeScript.script("securecart-node.sh", parameters));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", stubs + ":" + System.getenv("PATH"));
    env.put("SECURECART_ROOT", root.toString());
    env.put("CALLS", dir.resolve("calls.log").toString());
    return run(List.of("bash", script.toString()), env);
  }

  @Test
  void theReadinessUnitContinuesTheLaunchHookOnceTheServerIsReady() throws Exception {
    Result result = ready(true);
    assertThat(result.exit).as(result.output).isZero();
    assertThat(result.output).contains("securecart-ready: CONTINUE");
    assertThat(Files.readAllLines(dir.resolve("ready-calls.log")))
        .containsSubsequence(
            "aws autoscaling describe-auto-scaling-instances --region eu-west-1 --instance-ids"
                + " i-0abc --query AutoScalingInstances[0].AutoScalingGroupName --output text",
            "aws autoscaling complete-lifecycle-action --region eu-west-1"
                + " --auto-scaling-group-name SecureCart-Web-Group --lifecycle-hook-name "
                + WebTier.LAUNCH_HOOK
                + " --instance-id i-0abc --lifecycle-action-result CONTINUE");
  }

  @Test
  void theReadinessUnitAbandonsAnInstanceWhoseServerNeverGetsReady() throws Exception {
    Result result = ready(false);
    assertThat(result.exit).as(result.output).isZero();
    assertThat(Files.readAllLines(dir.resolve("ready-calls.log")))
        .anySatisfy(
            call ->
                assertThat(call)
                    .startsWith("aws autoscaling complete-lifecycle-action")
                    .endsWith("--lifecycle-action-result ABANDON"));
  }

  /** Runs the readiness script the dry run wrote, with curl and aws stubbed. */
  private Result ready(boolean serverReady) throws Exception {
    Path root = dir.resolve("root");
    assertThat(dryRun(root, "pw").exit).isZero();
    Path stubs = Files.createDirectories(dir.resolve("ready-stubs"));
    String log = "echo \"$(basename \"$0\") $*\" >>\"$CALLS\"\n";
    stub(
        stubs,
        "curl",
        "case \"$*\" in\n"
            + "  *health/ready*) "
            + (serverReady ? "exit 0" : "exit 22")
            + " ;;\n"
            + "  *api/token*) echo token ;;\n"
            + "  *instance-id*) echo i-0abc ;;\n"
            + "esac\n");
    stub(
        stubs,
        "aws",
        log
            + "case \"$2\" in\n"
            + "  describe-auto-scaling-instances) echo SecureCart-Web-Group ;;\n"
            + "esac\n");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", stubs + ":" + System.getenv("PATH"));
    env.put("CALLS", dir.resolve("ready-calls.log").toString());
    env.put("SECURECART_AWS_REGION", "eu-west-1");
    // No waiting in a test: a server that is not ready at once counts as never ready.
    env.put("SECURECART_READY_SECONDS", "0");
    return run(
        List.of("bash", root.resolve("opt/securecart/bin/securecart-ready").toString()), env);
  }

  private static Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("SECURECART_BUNDLE_URL", "s3://assets/bundle.zip");
    p.put("SECURECART_DB_SECRET_ARN", DB_SECRET);
    p.put("SECURECART_DB_HOST", "writer.example");
    p.put("SECURECART_DB_READER_HOST", "reader.example");
    p.put("SECURECART_ADMIN_SECRET_ARN", ADMIN_SECRET);
    p.put("SECURECART_ADMIN_EMAIL", "admin@shop.example.com");
    p.put("SECURECART_ADMIN_HOST", "admin.shop.example.com");
    p.put("SECURECART_AWS_REGION", "eu-west-1");
    p.put("SECURECART_TRUSTED_PROXIES", "10.40.1.0/24,10.40.2.0/24");
    p.put("SECURECART_STATE_MACHINE_ARN", STATE_MACHINE);
    p.put("SECURECART_NOTIFICATION_QUEUE_URL", QUEUE);
    p.put("SECURECART_RECOMMENDATIONS_URL", "http://recommendations.internal/");
    p.put("SECURECART_ROLES", "api,workers");
    p.put("SECURECART_ENV", "production");
    p.put("SECURECART_PAYMENTS", "stripe");
    p.put("SECURECART_STRIPE_SECRET_ARN", STRIPE_SECRET);
    return p;
  }

  /** Stub commands that log their calls; aws and unzip also produce what the script reads. */
  private Path stubs(String adminSecret) throws IOException {
    Path stubs = dir.resolve("stubs");
    Files.createDirectories(stubs);
    String log = "echo \"$(basename \"$0\") $*\" >>\"$CALLS\"\n";
    stub(stubs, "dnf", log);
    stub(stubs, "useradd", log);
    stub(stubs, "systemctl", log);
    stub(stubs, "amazon-cloudwatch-agent-ctl", log);
    stub(stubs, "id", log + "exit 1\n");
    stub(stubs, "unzip", log + "touch \"${@: -1}/securecart.jar\"\n");
    Files.writeString(dir.resolve("admin-secret"), adminSecret);
    stub(
        stubs,
        "aws",
        log
            + "case \"$1 $2\" in\n"
            + "  's3 cp') touch \"${@: -1}\" ;;\n"
            + "  'secretsmanager get-secret-value')\n"
            + "    case \"$*\" in\n"
            + "      *"
            + DB_SECRET
            + "*) printf '%s\\n' '{\"username\":\"securecart\",\"password\":\"p\\\"w\\\\d\"}' ;;\n"
            + "      *) cat \""
            + dir.resolve("admin-secret")
            + "\" ;;\n"
            + "    esac ;;\n"
            + "esac\n");
    return stubs;
  }

  private static void stub(Path stubs, String name, String body) throws IOException {
    Path file = stubs.resolve(name);
    Files.writeString(file, "#!/bin/bash\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
