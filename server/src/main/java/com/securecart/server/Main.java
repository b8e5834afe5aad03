package com.securecart.server;

import com.securecart.server.config.Config;
import com.securecart.server.config.ConfigException;
import com.securecart.server.config.ConfigLoader;

/** Starts SecureCart from flags and SECURECART_* environment variables. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Config config;
    try {
      config = ConfigLoader.load(args, System.getenv());
    } catch (ConfigException e) {
      System.err.println("securecart: " + e.getMessage());
      System.exit(2);
      return;
    }
    SecureCart app = new SecureCart(config);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
    app.start();
    System.out.println("SecureCart is ready on http://localhost:" + app.port());
  }
}
