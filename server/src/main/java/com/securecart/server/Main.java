package com.securecart.server;

import com.securecart.app.ConfigException;
import com.securecart.server.config.Config;
import com.securecart.server.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;

/** Starts SecureCart from flags and SECURECART_* environment variables. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    configureLogging();
    if (args.length > 0 && args[0].equals("batch")) {
      System.exit(
          com.securecart.server.batch.BatchCommand.run(
              java.util.Arrays.copyOfRange(args, 1, args.length),
              System.getenv(),
              System.out,
              System.err));
      return;
    }
    Config config;
    try {
      config = ConfigLoader.load(args, System.getenv());
    } catch (ConfigException e) {
      System.err.println("securecart: " + e.getMessage());
      System.exit(2);
      return;
    }
    SecureCart app;
    try {
      app = new SecureCart(config);
      Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
      app.start();
    } catch (IllegalStateException e) {
      System.err.println("securecart: " + e.getMessage());
      System.exit(1);
      return;
    } catch (RuntimeException e) {
      if (!com.securecart.server.batch.BatchCommand.heldByAnotherProcess(e)) {
        throw e;
      }
      // Another process has the embedded database open: a server, or `securecart batch`.
      System.err.println(
          "securecart: another SecureCart process (a server, or `securecart batch nightly`) has the"
              + " embedded database in "
              + config.dataDir().toAbsolutePath()
              + " open; wait for it to finish or stop it, or use another --data-dir");
      System.exit(1);
      return;
    }
    System.out.println("SecureCart is ready on http://localhost:" + app.port());
  }

  /**
   * One JSON object per log line from the first line on, unless the operator points JUL at his own
   * file.
   */
  static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (InputStream in = Main.class.getResourceAsStream("/logging.properties")) {
      if (in != null) {
        LogManager.getLogManager().readConfiguration(in);
      }
    } catch (IOException e) {
      System.err.println("securecart: could not read logging.properties, using JDK defaults");
    }
  }
}
