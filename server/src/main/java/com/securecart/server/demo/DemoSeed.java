package com.securecart.server.demo;

import com.securecart.analytics.AnalyticsApi;
import com.securecart.catalog.CatalogApi;
import com.securecart.identity.IdentityApi;
import com.securecart.persistence.Database;
import com.securecart.persistence.JdbiOrderImport;
import com.securecart.server.config.Config;
import java.time.Clock;

/** What an empty database is filled with at start, as configured by {@code --demo-data}. */
public final class DemoSeed {
  private DemoSeed() {}

  /**
   * The generated catalog ({@code --demo-products}), or the UCI Online Retail catalog, customers
   * and order history. Either loads only into a database without products; the Online Retail load
   * fails with a one-line {@link IllegalStateException} when its file cannot be found.
   */
  public static void seed(
      Config config,
      CatalogApi catalog,
      IdentityApi identity,
      AnalyticsApi analytics,
      Database database) {
    switch (config.demoData()) {
      case GENERATED -> DemoCatalog.seed(catalog, config.demoProducts());
      case ONLINE_RETAIL ->
          new OnlineRetailDemo(
                  catalog,
                  identity,
                  analytics,
                  new JdbiOrderImport(database.transactions()),
                  database.transactions(),
                  Clock.systemUTC(),
                  System.out)
              .seed(config.onlineRetailFile(), config.dataDir());
    }
  }
}
