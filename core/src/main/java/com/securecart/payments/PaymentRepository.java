package com.securecart.payments;

import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import java.time.Instant;
import java.util.Optional;

/** Port to the authorization records (one per order at most, primary key) and provider events. */
public interface PaymentRepository {
  Optional<Authorization> find(OrderId orderId);

  /** The record of the provider's payment {@code authorizationId}, if it is ours. */
  Optional<Authorization> findByAuthorizationId(String authorizationId);

  /**
   * Records an authorization in {@code status} (AUTHORIZED or REQUIRES_ACTION). False if the order
   * already has one (a concurrent retry recorded it first).
   */
  boolean insert(
      OrderId orderId,
      String authorizationId,
      Money amount,
      Authorization.Status status,
      String clientSecret,
      Instant now);

  /**
   * Moves the order's record from {@code from} to {@code to} (the client secret is dropped once the
   * record leaves REQUIRES_ACTION). False if it was not in {@code from}.
   */
  boolean move(OrderId orderId, Authorization.Status from, Authorization.Status to, Instant now);

  /** Records a provider event id; false if it was recorded before (a redelivery). */
  boolean recordEvent(String eventId, String type, Instant now);
}
