package com.securecart.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/**
 * The CDK app's entry point ({@code cdk.json} runs it through {@code ../securecart aws app}). Run
 * by the CDK CLI it takes its output directory and context from the CLI; run directly it loads
 * cdk.json's context itself, so that tests, {@code ./securecart aws synth} and {@code cdk synth}
 * see the same feature flags. Settings: {@code -c securecart:settings=FILE} or the environment
 * variable SECURECART_INFRA_SETTINGS, else {@code securecart.json}.
 */
public final class SecureCartApp {
  private SecureCartApp() {}

  public static void main(String[] args) {
    App app = app(System.getenv("CDK_OUTDIR"));
    Settings settings = Settings.read(settingsFile(app));
    // `./securecart aws deploy` tags the image it pushes with the commit; the stacks run that tag.
    Object tag = app.getNode().tryGetContext("securecart:imageTag");
    if (tag != null) {
      Settings.Artifacts a = settings.artifacts();
      settings =
          settings.withArtifacts(
              new Settings.Artifacts(a.lambdaJar(), a.serverBundle(), tag.toString()));
    }
    Infra.build(app, settings);
    Nag.packs(app);
    app.synth();
  }

  /**
   * An app with cdk.json's context (under the CLI, the CLI's own), writing to {@code outdir} (null:
   * the CDK's default).
   */
  public static App app(String outdir) {
    AppProps.Builder props = AppProps.builder();
    if (System.getenv("CDK_CONTEXT_JSON") == null) {
      props.context(cdkJsonContext(Path.of("cdk.json")));
    }
    if (outdir != null) {
      props.outdir(outdir);
    }
    return new App(props.build());
  }

  static Map<String, Object> cdkJsonContext(Path cdkJson) {
    try {
      JsonNode context = new ObjectMapper().readTree(Files.readString(cdkJson)).path("context");
      Map<String, Object> out = new LinkedHashMap<>();
      context
          .properties()
          .forEach(
              e ->
                  out.put(e.getKey(), new ObjectMapper().convertValue(e.getValue(), Object.class)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + cdkJson.toAbsolutePath(), e);
    }
  }

  private static Path settingsFile(App app) {
    Object fromContext = app.getNode().tryGetContext("securecart:settings");
    if (fromContext != null) {
      return Path.of(fromContext.toString());
    }
    String fromEnv = System.getenv("SECURECART_INFRA_SETTINGS");
    return Path.of(fromEnv == null || fromEnv.isBlank() ? "securecart.json" : fromEnv);
  }
}
