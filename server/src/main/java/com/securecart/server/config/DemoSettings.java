package com.securecart.server.config;

import com.securecart.app.ConfigException;
import java.nio.file.Path;

/**
 * What an empty database is filled with at start.
 *
 * @param products how many generated products ({@code --demo-products})
 * @param onlineRetailFile the Online Retail file ({@code SECURECART_ONLINE_RETAIL}); null: the
 *     usual places
 */
public record DemoSettings(int products, Data data, Path onlineRetailFile) {
  /**
   * {@code GENERATED} products, or the real UCI Online Retail catalog, customers and order history.
   */
  public enum Data {
    GENERATED,
    ONLINE_RETAIL
  }

  public DemoSettings {
    if (products < 0 || products > 5_000_000) {
      throw new ConfigException(
          "--demo-products / SECURECART_DEMO_PRODUCTS must be 0 to 5000000, got " + products);
    }
    if (data == null) {
      throw new ConfigException("--demo-data must be generated or online-retail");
    }
  }

  public static DemoSettings generated(int products) {
    return new DemoSettings(products, Data.GENERATED, null);
  }

  @Override
  public String toString() {
    return data == Data.GENERATED ? products + " generated products" : "online retail";
  }
}
