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
   * The payment token is dropped with it when {@code dropPaymentToken}: it is needed only until
   * payment was tried.
   */
  boolean update(Order order, boolean dropPaymentToken, Instant now);

  void addHistory(OrderId id, OrderStatus status, String reason, Instant at);

  List<StatusChange> history(OrderId id);

  /** Total and payment token of an order that still awaits payment, in one read. */
  Optional<PaymentDue> paymentDue(OrderId id);

  Optional<OrderStatus> status(OrderId id);
}
