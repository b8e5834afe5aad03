package com.securecart.server.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.app.Contexts;
import com.securecart.app.Observers;
import com.securecart.inventory.InventoryApi;
import com.securecart.inventory.StockLevel;
import com.securecart.inventory.StockRequest;
import com.securecart.persistence.Database;
import com.securecart.server.testing.TestConfigs;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.shared.OrderId;
import com.securecart.shared.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order pipeline's transactions move stock at their commit (issue 18): a batch that confirms
 * several orders of one SKU leaves its row unlocked while the batch runs, then writes the sum once,
 * and the stock ends exactly where order-by-order moves would leave it.
 */
class StockMovesAtCommitIT {

  @Test
  void aBatchOfConfirmationsLocksTheStockRowOnlyAtItsEndAndMovesTheSum() throws Exception {
    String url = TestDatabases.freshUrl(Engine.POSTGRES);
    try (Database db = new Database(url, null, null, 4);
        Contexts contexts =
            Contexts.wire(TestConfigs.app(url), db, Clock.systemUTC(), Observers.none())) {
      db.migrate();
      InventoryApi inventory = contexts.inventory();
      inventory.setOnHand("POPULAR", 10);
      inventory.setOnHand("OTHER", 10);
      Instant expires = Instant.now().plusSeconds(600);
      for (long order = 1; order <= 3; order++) {
        inventory.reserve(
            new OrderId(order),
            List.of(new StockRequest("POPULAR", 2), new StockRequest("OTHER", 1)),
            expires);
      }
      Transactions batch = db.transactions().writingAtCommit();

      boolean[] lockableMeanwhile = {false};
      batch.inTransaction(
          () -> {
            inventory.commit(new OrderId(1));
            inventory.commit(new OrderId(2));
            inventory.release(new OrderId(3));
            lockableMeanwhile[0] = lockableElsewhere(db, "POPULAR");
            return null;
          });

      assertThat(lockableMeanwhile[0]).as("the stock row is free until the commit").isTrue();
      // Two orders of 2 + 1 taken, the third's reservation returned to sale.
      assertThat(inventory.level("POPULAR")).isEqualTo(new StockLevel("POPULAR", 6, 0));
      assertThat(inventory.level("OTHER")).isEqualTo(new StockLevel("OTHER", 8, 0));
      assertThat(lockableElsewhere(db, "POPULAR")).isTrue();
    } finally {
      TestDatabases.drop(url);
    }
  }

  /** Whether another connection can lock the SKU's stock row without waiting. */
  private static boolean lockableElsewhere(Database db, String sku) {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      try {
        s.execute("SELECT on_hand FROM inventory WHERE sku = '" + sku + "' FOR UPDATE NOWAIT");
        return true;
      } catch (SQLException e) {
        if ("55P03".equals(e.getSQLState())) {
          return false;
        }
        throw e;
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
