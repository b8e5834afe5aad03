package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The function's SBOM (target/securecart-lambda-sbom.json, written at package) describes the shaded
 * -aws jar: each library whose Maven metadata the jar carries is listed at that version, and what
 * the jar leaves out (H2, Checker Framework's annotations, the runtime client and the test
 * libraries) is not listed.
 */
class FunctionSbomIT {
  @Test
  void describesTheFunctionsJar() throws IOException {
    Path sbom =
        Path.of(System.getProperty("securecart.lambda.sbom", "target/securecart-lambda-sbom.json"));
    JsonNode bom = new ObjectMapper().readTree(sbom.toFile());
    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.path("specVersion").asText()).isIn("1.5", "1.6", "1.7");
    Map<String, String> versions = new HashMap<>();
    for (JsonNode component : bom.path("components")) {
      assertThat(component.path("purl").asText()).startsWith("pkg:maven/");
      versions.put(
          component.path("group").asText() + ":" + component.path("name").asText(),
          component.path("version").asText());
    }

    Path jar = Path.of(System.getProperty("securecart.lambda.jar", "missing"));
    int matched = 0;
    try (JarFile file = new JarFile(jar.toFile())) {
      for (Map.Entry<String, String> listed : versions.entrySet()) {
        String[] ga = listed.getKey().split(":");
        ZipEntry properties =
            file.getEntry("META-INF/maven/" + ga[0] + "/" + ga[1] + "/pom.properties");
        if (properties != null) {
          assertThat(versionIn(file, properties)).as(listed.getKey()).isEqualTo(listed.getValue());
          matched++;
        }
      }
      assertThat(matched).as("libraries whose version the jar confirms").isGreaterThan(40);
      assertThat(versions).containsKey("com.amazonaws:aws-lambda-java-core");
      assertThat(
              versionIn(
                  file,
                  file.getEntry(
                      "META-INF/maven/com.amazonaws/aws-lambda-java-core/pom.properties")))
          .isEqualTo(versions.get("com.amazonaws:aws-lambda-java-core"));

      assertThat(file.getEntry("org/h2/Driver.class")).isNull();
    }
    assertThat(versions.keySet())
        .doesNotContain(
            "com.h2database:h2",
            "org.checkerframework:checker-qual",
            "com.amazonaws:aws-lambda-java-runtime-interface-client")
        .noneMatch(key -> key.startsWith("org.junit") || key.startsWith("org.assertj:"));
  }

  private static String versionIn(JarFile file, ZipEntry entry) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = file.getInputStream(entry)) {
      properties.load(in);
    }
    return properties.getProperty("version");
  }
}
