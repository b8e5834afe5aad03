package com.securecart.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.constructs.Construct;

/**
 * The catalog, search and cart roles as ECS services on Fargate (ARM64), path-routed from the
 * public ALB, scaled on requests and CPU, part of the capacity on Fargate Spot.
 */
public final class ServicesStack extends SecureCartStack {
  /** The listener rule priorities of this stack: 100..199 (the web stack keeps the rest). */
  static final int CATALOG_PRIORITY = 100;

  static final int SEARCH_PRIORITY = 110;
  static final int CART_PRIORITY = 120;

  private final Cluster cluster;
  private final Map<String, FargateTier> tiers = new LinkedHashMap<>();

  public ServicesStack(
      Construct scope,
      String id,
      FoundationStack base,
      DataStack data,
      WebStack web,
      Settings settings) {
    super(scope, id, "SecureCart services: catalog, search and cart on ECS Fargate");
    cluster =
        Cluster.Builder.create(this, "Cluster")
            .clusterName("securecart-services")
            .vpc(base.vpc())
            .containerInsightsV2(ContainerInsights.ENHANCED)
            .enableFargateCapacityProviders(true)
            .build();

    FargateTier.Wiring wiring =
        new FargateTier.Wiring(
            base,
            data,
            cluster,
            web.httpsListener(),
            web.albSecurityGroup(),
            sharedEnvironment(this, base, data),
            settings);

    // Paths as the server's routes register them (CatalogRoutes, SearchRoutes, CartRoutes).
    tiers.put(
        "catalog",
        new FargateTier(
            this,
            "Catalog",
            "catalog",
            settings.services().catalog(),
            CATALOG_PRIORITY,
            List.of("/api/products", "/api/products/*", "/api/categories", "/api/categories/*"),
            wiring));
    tiers.put(
        "search",
        new FargateTier(
            this,
            "Search",
            "search",
            settings.services().search(),
            SEARCH_PRIORITY,
            List.of("/api/search", "/api/search/*"),
            wiring));
    tiers.put(
        "cart",
        new FargateTier(
            this,
            "Cart",
            "cart",
            settings.services().cart(),
            CART_PRIORITY,
            List.of("/api/cart", "/api/cart/*", "/api/carts", "/api/carts/*"),
            wiring));
  }

  /**
   * What every container role is told about its deployment, whatever runs it (these tasks, the EKS
   * stack's pods): the database URL and its TLS check, the region, the proxies to trust.
   */
  static Map<String, String> sharedEnvironment(
      Construct scope, FoundationStack base, DataStack data) {
    Map<String, String> shared = new LinkedHashMap<>();
    shared.put("SECURECART_DB_URL", data.writerUrl());
    shared.putAll(DataStack.tlsSettings());
    shared.put("SECURECART_AWS_REGION", Stack.of(scope).getRegion());
    shared.put("SECURECART_TRUSTED_PROXIES", base.publicCidrs());
    return shared;
  }

  public Cluster cluster() {
    return cluster;
  }

  /** The tiers by role: catalog, search, cart. */
  public Map<String, FargateTier> tiers() {
    return tiers;
  }
}
