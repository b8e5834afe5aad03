package com.securecart.cart;

import com.securecart.shared.CartId;
import com.securecart.shared.CustomerId;
import com.securecart.shared.ProductId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port to the cart store. Ownership lives in the queries: a guest reaches only guest carts; a
 * customer reaches guest carts (by their secret id) and his own, never another customer's.
 */
public interface CartRepository {
  void create(CartId id, CustomerId owner, Instant now);

  /**
   * The cart with this id that {@code caller} may use ({@code caller} null for a guest), open or
   * not.
   */
  Optional<OpenCart> find(CartId id, CustomerId caller);

  /**
   * Marks the open cart that {@code caller} may use as changed at {@code now} and holds its row
   * lock until the transaction ends; the cart, or empty when there is no such open cart (unknown,
   * another's, or no longer open).
   */
  Optional<OpenCart> lockOpen(CartId id, CustomerId caller, Instant now);

  Optional<CartId> findOpenCartOf(CustomerId customer);

  List<CartItem> items(CartId id);

  /**
   * The distinct products in the open cart that {@code caller} may use, by id; empty when there is
   * no such open cart. One read: checkout's coalescing key (ADR 12) costs one statement.
   */
  List<ProductId> openProductIds(CartId id, CustomerId caller);

  /** Writes the line; the caller has locked the cart with {@link #lockOpen}. */
  void setQuantity(CartId id, ProductId productId, int quantity, Instant now);

  /** Deletes the line; the caller has locked the cart with {@link #lockOpen}. */
  boolean removeItem(CartId id, ProductId productId, Instant now);

  /**
   * OPEN -> {@code status} if {@code caller} may use the cart (as {@link #find} reaches it; null
   * for a guest); false if it is not open or not the caller's, or a concurrent checkout won.
   */
  boolean close(CartId id, CustomerId caller, String status, Instant now);
}
