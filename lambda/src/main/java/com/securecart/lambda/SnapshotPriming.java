package com.securecart.lambda;

import com.securecart.app.Contexts;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrderStatus;
import com.securecart.persistence.Database;
import com.securecart.shared.OrderId;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.crac.Context;
import org.crac.Resource;

/**
 * The CRaC hooks that Lambda SnapStart runs around its snapshot of an initialized execution
 * environment, registered when the environment wires SecureCart ({@link LambdaWiring}).
 *
 * <p>{@link #beforeCheckpoint} primes what the snapshot should hold warm, so that a restored
 * environment's first invocation pays no class loading or first-use cost:
 *
 * <ul>
 *   <li>the wired contexts themselves (facades, repositories, the pipeline's steps): they exist
 *       before this hook runs, since it is registered by the wiring;
 *   <li>one read-only query through the pool and JDBI ({@code orders.status} of an order id that
 *       does not exist), which loads the driver, JDBI's statement machinery and the repository;
 *   <li>the handlers' Jackson mappings of {@link StepInput}, {@link CompensationInput} and {@link
 *       StepOutput} (a round trip of each through {@link EventJson}, the mapper the handlers read
 *       and write their events with), so that the deserializers are built and cached;
 *   <li>the handler, step and exception classes, and every status's event name;
 * </ul>
 *
 * and then empties both pools (minimum idle set to 0, every connection evicted, waited for): a
 * connection in a snapshot would be restored into many environments at once, with a socket its
 * server has long closed. {@link #afterRestore} puts the minimum idle back, evicts anything opened
 * in between, and re-validates the pool with the same read-only query, so that a database that
 * cannot be reached shows at restore rather than in the first step.
 *
 * <p>Unverified here: neither SnapStart nor a CRaC-enabled JVM can run on this machine ({@code
 * org.crac} is the API only, and without a CRaC JVM the hooks are never called by the JVM).
 * SnapshotPrimingIT calls them directly to check what they do to the pool.
 */
final class SnapshotPriming implements Resource {
  private static final System.Logger LOG = System.getLogger(SnapshotPriming.class.getName());

  /** How long beforeCheckpoint waits for evicted connections to close. */
  private static final Duration DRAIN = Duration.ofSeconds(10);

  /** An order id that no order has; the priming query finds nothing and changes nothing. */
  private static final OrderId NO_ORDER = new OrderId(Long.MAX_VALUE);

  private static final List<String> CLASSES =
      List.of(
          "com.securecart.lambda.AuthorizePaymentHandler",
          "com.securecart.lambda.ConfirmOrderHandler",
          "com.securecart.lambda.VoidAuthorizationHandler",
          "com.securecart.lambda.AuthorizePaymentCompensationHandler",
          "com.securecart.lambda.ConfirmOrderCompensationHandler",
          "com.securecart.lambda.VoidAuthorizationCompensationHandler",
          "com.securecart.lambda.StepInvoker",
          "com.securecart.lambda.EventJson",
          "com.securecart.lambda.TransientStepException",
          "com.securecart.lambda.StepFailedException",
          "com.securecart.lambda.BadEventException");

  private final Contexts contexts;
  private int minimumIdle = -1;
  private int readsMinimumIdle = -1;

  SnapshotPriming(Contexts contexts) {
    this.contexts = contexts;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
    contexts.orders().status(NO_ORDER);
    roundTrip(new StepInput(1, OrderEvents.PLACED));
    roundTrip(new CompensationInput(1, OrderEvents.PLACED, "primed"));
    roundTrip(new StepOutput(1, null, OrderStatus.PENDING_PAYMENT.name()));
    ClassLoader loader = SnapshotPriming.class.getClassLoader();
    for (String name : CLASSES) {
      Class.forName(name, true, loader);
    }
    for (OrderStatus status : OrderStatus.values()) {
      OrderEvents.forStatus(status);
    }
    contexts.pipeline().steps().forEach(step -> step.getClass().getName());
    minimumIdle = drain(contexts.database());
    readsMinimumIdle = drain(contexts.batchReads());
    LOG.log(System.Logger.Level.INFO, "primed for a snapshot; pools emptied");
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) throws Exception {
    refill(contexts.database(), minimumIdle);
    refill(contexts.batchReads(), readsMinimumIdle);
    contexts.orders().status(NO_ORDER);
    LOG.log(System.Logger.Level.INFO, "restored; pool re-validated");
  }

  private static void roundTrip(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EventJson.write(out, value);
    EventJson.read(new ByteArrayInputStream(out.toByteArray()), value.getClass());
  }

  /** Empties the pool and keeps it empty; answers the minimum idle it had. */
  private static int drain(Database database) {
    HikariDataSource pool = hikari(database);
    int before = pool.getMinimumIdle();
    pool.setMinimumIdle(0);
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    if (bean == null) {
      return before;
    }
    bean.softEvictConnections();
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (bean.getTotalConnections() > 0 && System.nanoTime() < deadline) {
      // Evicted connections close on the pool's own executor; a snapshot must not hold one.
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    if (bean.getTotalConnections() > 0) {
      throw new IllegalStateException(
          "the pool still holds " + bean.getTotalConnections() + " connection(s) at checkpoint");
    }
    return before;
  }

  /** Puts the minimum idle back and evicts whatever was opened across the snapshot. */
  private static void refill(Database database, int minimumIdle) {
    HikariDataSource pool = hikari(database);
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    if (bean != null) {
      bean.softEvictConnections();
    }
    if (minimumIdle >= 0) {
      pool.setMinimumIdle(minimumIdle);
    }
  }

  private static HikariDataSource hikari(Database database) {
    if (database.dataSource() instanceof HikariDataSource pool) {
      return pool;
    }
    throw new IllegalStateException("the database's pool is not HikariCP's");
  }
}
