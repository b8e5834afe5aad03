package com.securecart.orders;

import com.securecart.shared.CustomerId;
import com.securecart.shared.OrderId;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port to the order tables. Reads that a customer makes carry the owner in the query. */
public interface OrderRepository {
  OrderId insert(NewOrder order, String number, String accessTokenHash, Instant now);

  /** Any order; for the pipeline and admins only. */
  Optional<Order> find(OrderId id);

  Optional<Order> findOwned(OrderId id, CustomerId customer);

  Optional<Order> findByAccessToken(OrderId id, String accessTokenHash);

  Page<Order> listOwned(CustomerId customer, PageRequest page);

  Page<Order> listAll(OrderStatus status, PageRequest page);

  /**
   * Writes the new state if the stored version is still {@code order.version()}; false otherwise.
   */
  boolean update(Order order, Instant now);

  void addHistory(OrderId id, OrderStatus status, String reason, Instant at);

  List<StatusChange> history(OrderId id);

  /** The payment token, kept only until the authorization step has run. */
  Optional<String> paymentToken(OrderId id);

  void clearPaymentToken(OrderId id);
}
