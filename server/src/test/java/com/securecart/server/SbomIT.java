package com.securecart.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's SBOM (target/securecart-sbom.json, written at package by the CycloneDX plugin)
 * describes what ships: securecart.jar and exactly the libraries its manifest puts on the class
 * path (target/libs), at the versions Maven resolved, and no test library. Versions are read from
 * the SBOM and checked against the jar names, never written here.
 */
class SbomIT {
  private static JsonNode bom;
  private static List<JsonNode> components;

  @BeforeAll
  static void read() throws IOException {
    Path path = Path.of(System.getProperty("securecart.sbom", "target/securecart-sbom.json"));
    assertThat(Files.isRegularFile(path)).as(path + " (written at package)").isTrue();
    bom = new ObjectMapper().readTree(path.toFile());
    components = StreamSupport.stream(bom.path("components").spliterator(), false).toList();
  }

  @Test
  void isACycloneDxBomOfTheServer() {
    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    int[] spec =
        Arrays.stream(bom.path("specVersion").asText().split("\\."))
            .mapToInt(Integer::parseInt)
            .toArray();
    assertThat(spec[0] > 1 || (spec[0] == 1 && spec[1] >= 5))
        .as("specVersion %s >= 1.5", bom.path("specVersion").asText())
        .isTrue();
    assertThat(bom.at("/metadata/component/purl").asText())
        .startsWith("pkg:maven/com.securecart/securecart-server@");
    assertThat(components).hasSizeGreaterThan(50);
    for (JsonNode component : components) {
      assertThat(component.path("purl").asText())
          .as(component.toString())
          .startsWith("pkg:maven/" + component.path("group").asText() + "/")
          .contains("@" + component.path("version").asText());
    }
  }

  @Test
  void listsTheLibrariesTheJarRunsWith() throws IOException {
    Path jar = Path.of(System.getProperty("securecart.server.jar", "target/securecart.jar"));
    Set<String> classPath;
    try (JarFile file = new JarFile(jar.toFile())) {
      String entries = file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      classPath =
          Arrays.stream(entries.trim().split("\\s+"))
              .map(entry -> entry.substring(entry.lastIndexOf('/') + 1))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> listed =
        components.stream().map(SbomIT::jarName).collect(Collectors.toCollection(TreeSet::new));
    assertThat(listed).isEqualTo(classPath);
    Path libs = Path.of(System.getProperty("securecart.libs", "target/libs"));
    for (String name : listed) {
      assertThat(libs.resolve(name)).isRegularFile();
    }
  }

  @Test
  void hasTheKeyRuntimeDependenciesAtTheirResolvedVersions() throws IOException {
    Path libs = Path.of(System.getProperty("securecart.libs", "target/libs"));
    Set<String> jars;
    try (Stream<Path> files = Files.list(libs)) {
      jars = files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
    }
    for (String key :
        List.of(
            "io.helidon.webserver:helidon-webserver",
            "org.postgresql:postgresql",
            "com.zaxxer:HikariCP")) {
      JsonNode component = byCoordinates().get(key);
      assertThat(component).as(key).isNotNull();
      String version = component.path("version").asText();
      assertThat(version).as(key).isNotBlank();
      String artifact = key.substring(key.indexOf(':') + 1);
      assertThat(jars).as(key).contains(artifact + "-" + version + ".jar");
      assertThat(component.path("purl").asText())
          .isEqualTo("pkg:maven/" + key.replace(':', '/') + "@" + version + "?type=jar");
      assertThat(component.path("hashes")).as(key + " hashes").isNotEmpty();
    }
  }

  @Test
  void listsNoTestLibrary() {
    assertThat(byCoordinates().keySet())
        .noneMatch(
            key ->
                Stream.of(
                        "org.junit",
                        "org.assertj:",
                        "org.awaitility:",
                        "com.tngtech.archunit:",
                        "org.seleniumhq.selenium:",
                        "com.icegreen:",
                        "org.elasticmq:",
                        "io.opentelemetry:opentelemetry-sdk-testing")
                    .anyMatch(key::startsWith));
  }

  private static Map<String, JsonNode> byCoordinates() {
    Map<String, JsonNode> map = new HashMap<>();
    for (JsonNode component : components) {
      map.put(component.path("group").asText() + ":" + component.path("name").asText(), component);
    }
    return map;
  }

  /** The name maven-dependency-plugin's copy-dependencies gives the component's jar. */
  private static String jarName(JsonNode component) {
    String purl = component.path("purl").asText();
    String classifier = "";
    int at = purl.indexOf("classifier=");
    if (at >= 0) {
      int end = purl.indexOf('&', at);
      classifier = "-" + purl.substring(at + "classifier=".length(), end < 0 ? purl.length() : end);
    }
    return component.path("name").asText()
        + "-"
        + component.path("version").asText()
        + classifier
        + ".jar";
  }
}
