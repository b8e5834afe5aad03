package com.securecart.server.demo;

import com.securecart.app.Contexts;
import com.securecart.server.config.DemoSettings;
import java.nio.file.Path;
import java.time.Clock;

/** What an empty database is filled with at start, as configured by {@code --demo-data}. */
public final class DemoSeed {
  private DemoSeed() {}

  /**
   * The generated catalog ({@code --demo-products}), or the UCI Online Retail catalog, customers
   * and order history. Either loads only into a database without products; the Online Retail load
   * fails with a one-line {@link IllegalStateException} when its file cannot be found.
   */
  public static void seed(DemoSettings demo, Path dataDir, Contexts contexts, Clock clock) {
    switch (demo.data()) {
      case GENERATED -> DemoCatalog.seed(contexts.catalog(), demo.products());
      case ONLINE_RETAIL ->
          new OnlineRetailDemo(
                  contexts.catalog(),
                  contexts.identity(),
                  contexts.analytics(),
                  contexts.orderImport(),
                  contexts.database().transactions(),
                  clock,
                  System.out)
              .seed(demo.onlineRetailFile(), dataDir);
    }
  }
}
