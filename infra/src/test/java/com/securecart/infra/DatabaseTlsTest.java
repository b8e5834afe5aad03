package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 11: every tier that connects to Aurora (EC2 instances, Fargate services, Lambda
 * functions, the Batch job) verifies the server's certificate and host name, not just encryption.
 * Walks every stack's environments, so that a new tier cannot be added with sslmode=require.
 */
class DatabaseTlsTest {
  private static final List<String> STACKS =
      List.of("SecureCart-Services", "SecureCart-Pipeline", "SecureCart-Analytics");

  @Test
  void everyEnvironmentWithADatabaseUrlVerifiesTheCertificateAndHostName() {
    Synth synth = Synth.defaults();
    List<Map<String, String>> environments = new ArrayList<>();
    for (String stack : STACKS) {
      collect(synth.tree(stack), environments);
    }
    // Fargate: catalog, search and cart; Lambda: seven steps; Batch: the nightly job.
    assertThat(environments).hasSizeGreaterThanOrEqualTo(11);
    for (Map<String, String> env : environments) {
      assertThat(env.get("SECURECART_DB_URL")).contains("sslmode=verify-full");
      assertThat(env).containsEntry("SECURECART_DB_SSLMODE", "verify-full");
      assertThat(env).containsEntry("SECURECART_DB_SSLROOTCERT", "aws-rds");
    }
  }

  /** Lambda's {"Variables": {...}} and ECS/Batch's [{"Name","Value"}] forms, wherever they are. */
  private static void collect(JsonNode node, List<Map<String, String>> out) {
    if (node.isObject()) {
      if (node.has("SECURECART_DB_URL")) {
        Map<String, String> env = new HashMap<>();
        node.properties()
            .forEach(e -> env.put(e.getKey(), e.getValue().toString().replace("\"", "")));
        out.add(env);
        return;
      }
      node.forEach(child -> collect(child, out));
    } else if (node.isArray()) {
      boolean nameValues = false;
      Map<String, String> env = new HashMap<>();
      for (JsonNode item : node) {
        if (item.has("Name") && item.has("Value")) {
          env.put(item.get("Name").asText(), item.get("Value").toString().replace("\"", ""));
          nameValues |= item.get("Name").asText().equals("SECURECART_DB_URL");
        }
      }
      if (nameValues) {
        out.add(env);
        return;
      }
      node.forEach(child -> collect(child, out));
    }
  }
}
