package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The function's shaded jar carries what a rotation-safe login needs at run time, none of which the
 * code names at compile time: AWS's JDBC wrapper with its Java 17+ Secrets Manager plugin (a
 * multi-release class, which reads the secret with Jackson 3), the SDK's Secrets Manager client and
 * an HTTP client for it.
 */
class FunctionJarIT {
  @Test
  void theSecretsManagerLoginIsInTheFunctionsJar() throws Exception {
    Path jar = Path.of(System.getProperty("securecart.lambda.jar", "missing"));
    assertThat(Files.isRegularFile(jar)).as(jar.toString()).isTrue();
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Multi-Release"))
          .isEqualTo("true");
      for (String entry :
          new String[] {
            "software/amazon/jdbc/Driver.class",
            "META-INF/versions/17/software/amazon/jdbc/plugin/AwsSecretsManagerConnectionPlugin.class",
            "tools/jackson/databind/ObjectMapper.class",
            "software/amazon/awssdk/services/secretsmanager/SecretsManagerClient.class",
            "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class"
          }) {
        assertThat(file.getEntry(entry)).as(entry).isNotNull();
      }
      String drivers =
          new String(
              file.getInputStream(file.getEntry("META-INF/services/java.sql.Driver"))
                  .readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
      assertThat(drivers).contains("software.amazon.jdbc.Driver").contains("org.postgresql.Driver");
    }
  }
}
