package com.securecart.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The app synthesized once per test JVM (a synth takes tens of seconds through jsii) with the
 * default settings file, the cdk-nag packs on, and stand-in files for the Lambda jar and the server
 * bundle (the templates hold their hashes, not their contents). A synth that a pack fails throws
 * here, so every test fails with the findings.
 */
public final class Synth {
  private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();
  static final java.time.Instant NOW = java.time.Instant.parse("2026-12-07T00:00:00Z");

  private final Settings settings;
  private final CloudAssembly assembly;
  private final Path outdir;

  private Synth(String name, Settings settings) {
    this.settings = settings;
    this.outdir = Path.of("target", "cdk-test", name).toAbsolutePath();
    App app = SecureCartApp.app(outdir.toString());
    // A fixed synth time, so that which announced sales get scheduled actions does not depend on
    // the day the tests run.
    app.getNode().setContext("securecart:now", NOW.toString());
    Infra.build(app, settings);
    Nag.packs(app);
    this.assembly = app.synth();
  }

  /** The app with the default settings. */
  public static Synth defaults() {
    return with("defaults", s -> s);
  }

  /** The app with changed settings, synthesized once per name. */
  public static Synth with(String name, UnaryOperator<Settings> change) {
    // A failed synth is remembered too: every test of the JVM reports it without synthesizing
    // again.
    Object result =
        CACHE.computeIfAbsent(
            name,
            n -> {
              try {
                return new Synth(n, change.apply(standIns(defaultSettings())));
              } catch (RuntimeException e) {
                return e;
              }
            });
    if (result instanceof RuntimeException e) {
      throw new IllegalStateException("the synth '" + name + "' failed: " + e.getMessage(), e);
    }
    return (Synth) result;
  }

  public static Settings defaultSettings() {
    return Settings.read(Path.of("securecart.json"));
  }

  public Settings settings() {
    return settings;
  }

  public Path outdir() {
    return outdir;
  }

  public Template template(String stackName) {
    return Template.fromJSON(json(stackName));
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> json(String stackName) {
    return (Map<String, Object>) assembly.getStackByName(stackName).getTemplate();
  }

  /** The template as a Jackson tree, for walking many resources. */
  public JsonNode tree(String stackName) {
    try {
      return new ObjectMapper().readTree(outdir.resolve(stackName + ".template.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Settings standIns(Settings settings) {
    try {
      Path dir = Path.of("target", "stand-ins").toAbsolutePath();
      Path bundle = dir.resolve("bundle");
      Files.createDirectories(bundle);
      Path jar = dir.resolve("lambda.jar");
      Files.writeString(jar, "stand-in for the Lambda jar");
      Files.writeString(bundle.resolve("securecart.jar"), "stand-in for the server jar");
      // The kubectl layer is an asset too: a small zip stands in for the npm package's.
      Path layer = dir.resolve("kubectl-layer.zip");
      try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(layer))) {
        zip.putNextEntry(new java.util.zip.ZipEntry("kubectl/kubectl"));
        zip.write("stand-in for kubectl".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      Settings.Eks eks = settings.eks();
      return settings
          .withArtifacts(
              new Settings.Artifacts(
                  jar.toString(), bundle.toString(), settings.artifacts().imageTag()))
          .withEks(
              new Settings.Eks(
                  eks.version(),
                  eks.systemInstanceType(),
                  eks.systemNodes(),
                  eks.addons(),
                  eks.charts(),
                  eks.nodePoolCpuLimits(),
                  eks.manifests(),
                  layer.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
