package com.securecart.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.cart.CartApi;
import com.securecart.cart.CartView;
import com.securecart.catalog.CatalogApi;
import com.securecart.shared.CartId;
import com.securecart.shared.DomainException;
import com.securecart.shared.ProductId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What one cart change costs the database (issue 18 item 3), counted by Jdbi on H2 and on
 * PostgreSQL: one transaction, and the view built from what it read rather than read again; and the
 * guarantees kept: a refused change writes nothing, racing changes to one cart all land.
 */
class CartChangeTest {
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void aCartChangeIsOneTransactionOfFourStatements(String engine) throws Exception {
    String url = Engines.freshUrl(engine, "sc_cart_");
    CountingTransactions counter = new CountingTransactions();
    try (Database db = Engines.counted(engine, url, counter)) {
      long first = product(db, "CC-1", 1_250);
      long second = product(db, "CC-2", 300);
      Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
      CartApi carts = carts(db, clock);
      CartId cart = carts.open(Optional.empty());
      carts.setQuantity(cart, Optional.empty(), new ProductId(first), 1);

      counter.reset();
      CartView added = carts.setQuantity(cart, Optional.empty(), new ProductId(second), 2);
      int addTransactions = counter.transactions.get();
      int addStatements = counter.statements.get();
      counter.reset();
      CartView changed = carts.setQuantity(cart, Optional.empty(), new ProductId(first), 3);
      int setTransactions = counter.transactions.get();
      int setStatements = counter.statements.get();
      assertThat(changed).isEqualTo(carts.view(cart, Optional.empty()));
      counter.reset();
      CartView removed = carts.setQuantity(cart, Optional.empty(), new ProductId(second), 0);
      int removeTransactions = counter.transactions.get();
      int removeStatements = counter.statements.get();
      System.out.printf(
          "%s cart change: add %d tx %d statements, set %d tx %d statements,"
              + " remove %d tx %d statements%n",
          engine,
          addTransactions,
          addStatements,
          setTransactions,
          setStatements,
          removeTransactions,
          removeStatements);

      assertThat(List.of(addTransactions, setTransactions, removeTransactions)).containsOnly(1);
      assertThat(List.of(addStatements, setStatements, removeStatements)).containsOnly(4);
      // The views built from the transaction's own reads are what a fresh read shows.
      assertThat(added.lines()).extracting(l -> l.quantity()).containsExactly(1, 2);
      assertThat(added.subtotal().cents()).isEqualTo(1_250 + 2 * 300);
      assertThat(changed.lines()).extracting(l -> l.quantity()).containsExactly(3, 2);
      assertThat(removed.lines()).extracting(l -> l.productId().value()).containsExactly(first);
      assertThat(removed).isEqualTo(carts.view(cart, Optional.empty()));
    } finally {
      Engines.drop(url);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void checkoutsCoalescingKeyReadsTheOpenCartsProductsInOneStatement(String engine)
      throws Exception {
    String url = Engines.freshUrl(engine, "sc_cart_");
    CountingTransactions counter = new CountingTransactions();
    try (Database db = Engines.counted(engine, url, counter)) {
      long first = product(db, "CK-1", 100);
      long second = product(db, "CK-2", 200);
      Clock clock = Clock.fixed(Instant.parse("2026-12-08T12:00:00Z"), ZoneOffset.UTC);
      CartApi carts = carts(db, clock);
      CartId cart = carts.open(Optional.empty());
      carts.setQuantity(cart, Optional.empty(), new ProductId(second), 2);
      carts.setQuantity(cart, Optional.empty(), new ProductId(first), 1);

      counter.reset();
      List<ProductId> ids = carts.productIds(cart, Optional.empty());
      assertThat(counter.statements.get()).isEqualTo(1);
      assertThat(ids).extracting(ProductId::value).containsExactly(first, second);
      assertThat(carts.productIds(CartId.random(), Optional.empty())).isEmpty();

      JdbiCartRepository repository = new JdbiCartRepository(db.transactions());
      assertThat(
              repository.close(
                  cart, null, com.securecart.cart.OpenCart.CHECKED_OUT, clock.instant()))
          .isTrue();
      assertThat(carts.productIds(cart, Optional.empty())).isEmpty();
    } finally {
      Engines.drop(url);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void aRefusedChangeWritesNothing(String engine) throws Exception {
    String url = Engines.freshUrl(engine, "sc_cart_");
    try (Database db = new Database(url, Engines.user(engine), "", 2)) {
      db.migrate();
      long product = product(db, "CC-1", 1_250);
      Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
      CartApi carts = carts(db, clock);
      CartId cart = carts.open(Optional.empty());
      CartApi laterCarts = carts(db, Clock.offset(clock, java.time.Duration.ofHours(1)));
      JdbiTransactions tx = db.transactions();

      assertThatThrownBy(
              () -> laterCarts.setQuantity(cart, Optional.empty(), new ProductId(product + 99), 1))
          .isInstanceOf(DomainException.class)
          .hasMessageContaining("Product");
      assertThatThrownBy(
              () ->
                  laterCarts.setQuantity(
                      CartId.random(), Optional.empty(), new ProductId(product), 1))
          .isInstanceOf(DomainException.class)
          .hasMessageContaining("Cart");
      // The refused change's lock (which marks the cart changed) was rolled back with it.
      Instant updated =
          tx.withHandle(
              h ->
                  h.createQuery("SELECT updated_at FROM carts WHERE id = :id")
                      .bind("id", cart.value())
                      .mapTo(Instant.class)
                      .one());
      assertThat(updated).isEqualTo(clock.instant());
      assertThat(carts.view(cart, Optional.empty()).lines()).isEmpty();
    } finally {
      Engines.drop(url);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void racingChangesToOneCartAllLandAndEachSeesTheLinesBeforeIt(String engine) throws Exception {
    int racers = 8;
    String url = Engines.freshUrl(engine, "sc_cart_");
    try (Database db = new Database(url, Engines.user(engine), "", racers)) {
      db.migrate();
      List<Long> products = new java.util.ArrayList<>();
      for (int i = 0; i < racers; i++) {
        products.add(product(db, "RACE-" + i, 100 + i));
      }
      Clock clock = Clock.systemUTC();
      CartApi carts = carts(db, clock);
      CartId cart = carts.open(Optional.empty());

      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<CartView>> views = new java.util.ArrayList<>();
      try (var pool = java.util.concurrent.Executors.newFixedThreadPool(racers)) {
        for (long id : products) {
          views.add(
              pool.submit(
                  () -> {
                    start.await();
                    return carts.setQuantity(cart, Optional.empty(), new ProductId(id), 1);
                  }));
        }
        start.countDown();
        List<Integer> lineCounts = new java.util.ArrayList<>();
        for (var view : views) {
          lineCounts.add(view.get().lines().size());
        }
        // The cart's row lock orders the changes: each saw every line written before its own.
        assertThat(lineCounts).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
      }
      assertThat(carts.view(cart, Optional.empty()).lines())
          .extracting(l -> l.productId().value())
          .containsExactlyInAnyOrderElementsOf(products);
    } finally {
      Engines.drop(url);
    }
  }

  /** The cart facade over the real repositories; the catalog reads products, nothing more. */
  private static CartApi carts(Database db, Clock clock) {
    JdbiTransactions tx = db.transactions();
    CatalogApi catalog = new CatalogApi(new JdbiProductRepository(tx), null, tx, null, clock);
    return new CartApi(new JdbiCartRepository(tx), catalog, tx, clock);
  }

  private static long product(Database db, String sku, long cents) {
    return db.transactions()
        .withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO products (sku, name, description, brand, category,"
                            + " price_cents, currency, attributes, active, created_at, updated_at)"
                            + " VALUES (:sku, :sku, '', 'b', 'c', :cents, 'EUR', '{}', TRUE,"
                            + " :now, :now)")
                    .bind("sku", sku)
                    .bind("cents", cents)
                    .bind("now", Instant.parse("2026-12-07T00:00:00Z"))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
  }
}
