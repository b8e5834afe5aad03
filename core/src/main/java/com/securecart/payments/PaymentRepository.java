package com.securecart.payments;

import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import java.time.Instant;
import java.util.Optional;

/** Port to the authorization records; one per order at most (primary key). */
public interface PaymentRepository {
  Optional<Authorization> find(OrderId orderId);

  /** False if the order already has one (a concurrent retry recorded it first). */
  boolean insert(OrderId orderId, String authorizationId, Money amount, Instant now);

  boolean markVoided(OrderId orderId, Instant now);
}
