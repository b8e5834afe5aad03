package com.securecart.infra;

import software.amazon.awscdk.App;

/**
 * Builds every SecureCart stack into an app: the one wiring that {@code cdk synth}, {@code
 * ./securecart aws synth} and the tests share. Stacks reference each other directly (CloudFormation
 * exports), in this order.
 */
public final class Infra {
  private Infra() {}

  /** Every stack of the app. */
  public record Stacks(
      FoundationStack foundation,
      DataStack data,
      PipelineStack pipeline,
      WebStack web,
      ServicesStack services,
      AnalyticsStack analytics) {}

  public static Stacks build(App app, Settings settings) {
    FoundationStack foundation = new FoundationStack(app, "SecureCart-Foundation", settings);
    DataStack data = new DataStack(app, "SecureCart-Data", foundation, settings);
    PipelineStack pipeline =
        new PipelineStack(app, "SecureCart-Pipeline", foundation, data, settings);
    EksStack eks = new EksStack(app, "SecureCart-Eks", foundation, data, settings);
    WebStack web =
        new WebStack(
            app,
            "SecureCart-Web",
            foundation,
            data,
            pipeline,
            eks.recommendations().url(),
            settings);
    ServicesStack services =
        new ServicesStack(app, "SecureCart-Services", foundation, data, web, settings);
    AnalyticsStack analytics =
        new AnalyticsStack(app, "SecureCart-Analytics", foundation, data, settings);
    Stacks stacks = new Stacks(foundation, data, pipeline, web, services, analytics);
    new MonitoringStack(app, "SecureCart-Monitoring", stacks, settings);
    return stacks;
  }
}
