package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.orders.OrderEvents;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.shared.OrderId;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

/**
 * What the SnapStart hooks do to the pool, checked by calling them directly: no CRaC JVM runs here,
 * so a real checkpoint and restore stay unverified.
 */
class SnapshotPrimingIT {

  @Test
  void theCheckpointLeavesNoConnectionAndTheRestoreBringsThePoolBack() throws Exception {
    try (LambdaShop shop = new LambdaShop(Engine.H2)) {
      OrderId order = shop.placeOrder("tok_visa");
      HikariDataSource pool = (HikariDataSource) shop.contexts.database().dataSource();
      int minimumIdle = pool.getMinimumIdle();
      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
      SnapshotPriming priming = new SnapshotPriming(shop.contexts);

      priming.beforeCheckpoint(null);

      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isZero();
      assertThat(pool.getMinimumIdle()).isZero();

      priming.afterRestore(null);

      assertThat(pool.getMinimumIdle()).isEqualTo(minimumIdle);
      assertThat(
              new AuthorizePaymentHandler(shop.contexts)
                  .handle(new StepInput(order.value(), OrderEvents.PLACED))
                  .status())
          .isEqualTo("AUTHORIZED");
    }
  }
}
