package com.securecart.lambda;

import com.securecart.app.AppSettings;
import com.securecart.app.Contexts;
import com.securecart.app.DatabaseSettings;
import com.securecart.app.Observers;
import com.securecart.app.SettingsReader;
import com.securecart.persistence.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.crac.Core;

/**
 * SecureCart wired once per execution environment (cold start), from the function's {@code
 * SECURECART_*} environment variables, through the same composition root as the server. The schema
 * is the service's: a handler never migrates.
 */
public final class LambdaWiring {
  private static volatile Contexts contexts;

  /** The settings this execution environment was (or will be) wired from, read once. */
  private static volatile AppSettings settings;

  /**
   * The snapshot hooks of this environment. CRaC's global context holds its resources weakly, so
   * this reference is what keeps them registered.
   */
  private static volatile SnapshotPriming priming;

  private LambdaWiring() {}

  /**
   * The settings of this execution environment, read from its environment on first use; the
   * contexts are wired from these. A handler checks what it needs of them before wiring (see {@link
   * NotificationHandler}).
   */
  public static AppSettings settings() {
    AppSettings read = settings;
    if (read == null) {
      synchronized (LambdaWiring.class) {
        read = settings;
        if (read == null) {
          read = load(System.getenv());
          settings = read;
        }
      }
    }
    return read;
  }

  /** The contexts of this execution environment, wired on first use. */
  public static Contexts contexts() {
    Contexts wired = contexts;
    if (wired == null) {
      synchronized (LambdaWiring.class) {
        wired = contexts;
        if (wired == null) {
          wired = wire(settings());
          priming = register(wired);
          contexts = wired;
        }
      }
    }
    return wired;
  }

  /** Registers the hooks that SnapStart runs around its snapshot (see {@link SnapshotPriming}). */
  static SnapshotPriming register(Contexts wired) {
    SnapshotPriming hooks = new SnapshotPriming(wired);
    Core.getGlobalContext().register(hooks);
    return hooks;
  }

  /**
   * The pool size of a function that sets none: an execution environment runs one invocation at a
   * time, and a step holds one connection at a time, so the server's default (16, all opened at
   * start) would only multiply the connections that a burst of cold starts opens on the database.
   */
  static final String DEFAULT_POOL_SIZE = "2";

  /** Wires from {@code env}; /tmp is the only writable directory a function has. */
  static Contexts wire(Map<String, String> env) {
    return wire(load(env));
  }

  /**
   * The settings in {@code env} ({@link #read}), with the SMTP login read from its secret when
   * {@code SECURECART_SMTP_SECRET_ARN} names one ({@link SmtpLoginSecret}): once per cold start,
   * since SES's SMTP credentials change only when an operator issues new ones and redeploys. Under
   * SnapStart this runs before the snapshot, and the login read then is restored with it.
   */
  static AppSettings load(Map<String, String> env) {
    AppSettings read = read(env);
    return read.mail().secret() == null ? read : read.withMail(SmtpLoginSecret.read(read.mail()));
  }

  /**
   * The settings in {@code env}, with a function's defaults. The SMTP login is not read from
   * Secrets Manager here ({@link #load} does); the Stripe keys are, when {@code
   * SECURECART_STRIPE_SECRET_ARN} names their secret (SettingsReader, once per cold start, before a
   * SnapStart snapshot: a new key takes effect with a new function version). The region defaults to
   * the function's own ({@code AWS_REGION}, which Lambda sets): a secret's name ({@code
   * SECURECART_DB_SECRET_ARN}, {@code SECURECART_SMTP_SECRET_ARN}) needs it, and the connections
   * then log in with the secret's current value, so a function keeps working after a rotation
   * without a new cold start.
   */
  static AppSettings read(Map<String, String> env) {
    Map<String, String> values = new HashMap<>(env);
    values.putIfAbsent("SECURECART_DB_POOL_SIZE", DEFAULT_POOL_SIZE);
    String region = env.get("AWS_REGION");
    if (region != null && !region.isBlank()) {
      values.putIfAbsent("SECURECART_AWS_REGION", region);
    }
    return SettingsReader.app(values, Path.of("/tmp/securecart"));
  }

  static Contexts wire(AppSettings settings) {
    DatabaseSettings db = settings.database();
    Database database = db.open(db.poolSize(), Database.Instrumentation.none());
    return Contexts.wire(settings, database, Clock.systemUTC(), Observers.none());
  }
}
