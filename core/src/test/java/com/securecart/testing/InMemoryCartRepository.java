package com.securecart.testing;

import com.securecart.cart.CartItem;
import com.securecart.cart.CartRepository;
import com.securecart.cart.OpenCart;
import com.securecart.shared.CartId;
import com.securecart.shared.CustomerId;
import com.securecart.shared.ProductId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carts and their items in maps, with the SQL's ownership rule: a guest reaches guest carts only; a
 * customer reaches guest carts and his own, never another customer's. Items keep the order they
 * were added in, and a quantity outside 1..99 breaks the table's CHECK.
 */
public final class InMemoryCartRepository implements CartRepository, Snapshottable {
  private record Row(CartId id, CustomerId owner, String status, Instant createdAt) {}

  private Map<CartId, Row> carts = new LinkedHashMap<>();
  private Map<CartId, LinkedHashMap<ProductId, Integer>> items = new LinkedHashMap<>();

  @Override
  public void create(CartId id, CustomerId owner, Instant now) {
    if (carts.containsKey(id)) {
      throw new IllegalStateException("duplicate cart " + id);
    }
    carts.put(id, new Row(id, owner, OpenCart.OPEN, now));
    items.put(id, new LinkedHashMap<>());
  }

  @Override
  public Optional<OpenCart> find(CartId id, CustomerId caller) {
    return Optional.ofNullable(carts.get(id))
        .filter(r -> r.owner() == null || r.owner().equals(caller))
        .map(r -> new OpenCart(r.id(), r.owner(), r.status()));
  }

  @Override
  public Optional<OpenCart> lockOpen(CartId id, CustomerId caller, Instant now) {
    return find(id, caller).filter(c -> OpenCart.OPEN.equals(c.status()));
  }

  @Override
  public Optional<CartId> findOpenCartOf(CustomerId customer) {
    return carts.values().stream()
        .filter(r -> customer.equals(r.owner()) && OpenCart.OPEN.equals(r.status()))
        .max(Comparator.comparing(Row::createdAt))
        .map(Row::id);
  }

  @Override
  public List<CartItem> items(CartId id) {
    return items.getOrDefault(id, new LinkedHashMap<>()).entrySet().stream()
        .map(e -> new CartItem(e.getKey(), e.getValue()))
        .toList();
  }

  @Override
  public List<ProductId> openProductIds(CartId id, CustomerId caller) {
    if (lockOpen(id, caller, null).isEmpty()) {
      return List.of();
    }
    return items(id).stream()
        .map(CartItem::productId)
        .distinct()
        .sorted(Comparator.comparingLong(ProductId::value))
        .toList();
  }

  @Override
  public void setQuantity(CartId id, ProductId productId, int quantity, Instant now) {
    if (quantity < 1 || quantity > 99 || !carts.containsKey(id)) {
      throw new IllegalStateException("cart_items rejects " + quantity + " of " + productId);
    }
    items.get(id).put(productId, quantity);
  }

  @Override
  public boolean removeItem(CartId id, ProductId productId, Instant now) {
    LinkedHashMap<ProductId, Integer> lines = items.get(id);
    return lines != null && lines.remove(productId) != null;
  }

  @Override
  public boolean close(CartId id, CustomerId caller, String status, Instant now) {
    Row row = carts.get(id);
    if (row == null || !OpenCart.OPEN.equals(row.status())) {
      return false;
    }
    if (row.owner() != null && !row.owner().equals(caller)) {
      return false;
    }
    carts.put(id, new Row(id, row.owner(), status, row.createdAt()));
    return true;
  }

  /** The cart's status whoever owns it, for assertions. */
  public String status(CartId id) {
    return carts.get(id).status();
  }

  @Override
  public Runnable snapshot() {
    Map<CartId, Row> cartsCopy = new LinkedHashMap<>(carts);
    Map<CartId, LinkedHashMap<ProductId, Integer>> itemsCopy = deepCopy(items);
    return () -> {
      carts = new LinkedHashMap<>(cartsCopy);
      items = deepCopy(itemsCopy);
    };
  }

  private static Map<CartId, LinkedHashMap<ProductId, Integer>> deepCopy(
      Map<CartId, LinkedHashMap<ProductId, Integer>> source) {
    Map<CartId, LinkedHashMap<ProductId, Integer>> copy = new LinkedHashMap<>();
    source.forEach((id, lines) -> copy.put(id, new LinkedHashMap<>(lines)));
    return copy;
  }
}
