package com.securecart.lambda;

import com.securecart.app.Contexts;
import com.securecart.catalog.ProductDetails;
import com.securecart.checkout.CheckoutCommand;
import com.securecart.inventory.StockLevel;
import com.securecart.orders.Address;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.PlacedOrder;
import com.securecart.server.testing.TestDatabases;
import com.securecart.shared.CartId;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import com.securecart.shared.ProductId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SecureCart wired the way a function wires it ({@link LambdaWiring#wire}), on a fresh migrated
 * database, with guest orders placed through the facades: catalog, cart, checkout.
 */
final class LambdaShop implements AutoCloseable {
  static final String SKU = "LAMP-1";
  static final int STOCK = 10;

  private static final AtomicInteger SKUS = new AtomicInteger();

  final String url;
  final Contexts contexts;
  final String sku = SKU + "-" + SKUS.incrementAndGet();
  private final ProductId product;

  LambdaShop(TestDatabases.Engine engine) {
    this.url = TestDatabases.freshUrl(engine);
    this.contexts = LambdaWiring.wire(env(url));
    contexts.database().migrate();
    this.product =
        contexts
            .catalog()
            .create(
                new ProductDetails(
                    sku, "Lamp", "", "Acme", "Lighting", Money.of(2_000, "EUR"), Map.of(), null),
                STOCK);
  }

  /** The function's environment for a database at {@code url}. */
  static Map<String, String> env(String url) {
    return Map.of("SECURECART_DB_URL", url);
  }

  /** A guest's order of two lamps, paid with {@code token}; PENDING_PAYMENT, stock reserved. */
  OrderId placeOrder(String token) {
    return place(token).order().id();
  }

  /** As {@link #placeOrder}, with the guest's access token (to cancel it). */
  PlacedOrder place(String token) {
    CartId cart = contexts.carts().open(Optional.empty());
    contexts.carts().setQuantity(cart, Optional.empty(), product, 2);
    Address address = new Address("Ada Lovelace", "12 Main St", null, "Berlin", "10115", "DE");
    return contexts
        .checkout()
        .checkout(new CheckoutCommand(cart, "guest@example.com", address, token), Optional.empty());
  }

  OrderStatus status(OrderId order) {
    return contexts.orders().status(order).orElseThrow();
  }

  StockLevel stock() {
    return contexts.inventory().level(sku);
  }

  /** The order's authorization status as recorded (AUTHORIZED, VOIDED), or null for none. */
  String authorization(OrderId order) {
    try (Connection c = contexts.database().dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT status FROM payment_authorizations WHERE order_id = ?")) {
      s.setLong(1, order.value());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    contexts.close();
    contexts.database().close();
    TestDatabases.drop(url);
  }
}
