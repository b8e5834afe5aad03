package com.securecart.persistence;

import com.securecart.payments.Authorization;
import com.securecart.payments.PaymentRepository;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import java.time.Instant;
import java.util.Optional;

/** Authorization records in SQL, one per order, and the provider events applied. */
public final class JdbiPaymentRepository implements PaymentRepository {
  private final JdbiTransactions db;

  public JdbiPaymentRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public Optional<Authorization> find(OrderId orderId) {
    return findWhere("order_id = :key", orderId.value());
  }

  @Override
  public Optional<Authorization> findByAuthorizationId(String authorizationId) {
    return findWhere("authorization_id = :key", authorizationId);
  }

  private Optional<Authorization> findWhere(String condition, Object key) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT order_id, authorization_id, amount_cents, currency, status,"
                        + " client_secret FROM payment_authorizations WHERE "
                        + condition)
                .bind("key", key)
                .map(
                    (rs, ctx) ->
                        new Authorization(
                            new OrderId(rs.getLong("order_id")),
                            rs.getString("authorization_id"),
                            Money.of(rs.getLong("amount_cents"), rs.getString("currency").trim()),
                            Authorization.Status.valueOf(rs.getString("status")),
                            rs.getString("client_secret")))
                .findFirst());
  }

  @Override
  public boolean insert(
      OrderId orderId,
      String authorizationId,
      Money amount,
      Authorization.Status status,
      String clientSecret,
      Instant now) {
    return db.insertIfAbsent(
        "INSERT INTO payment_authorizations (order_id, authorization_id, amount_cents, currency,"
            + " status, client_secret, created_at, updated_at) VALUES (:id, :auth, :amount,"
            + " :currency, :status, :secret, :now, :now)",
        u ->
            u.bind("id", orderId.value())
                .bind("auth", authorizationId)
                .bind("amount", amount.cents())
                .bind("currency", amount.currencyCode())
                .bind("status", status.name())
                .bind("secret", clientSecret)
                .bind("now", now));
  }

  @Override
  public boolean move(
      OrderId orderId, Authorization.Status from, Authorization.Status to, Instant now) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE payment_authorizations SET status = :to, client_secret = NULL,"
                            + " updated_at = :now WHERE order_id = :id AND status = :from")
                    .bind("id", orderId.value())
                    .bind("from", from.name())
                    .bind("to", to.name())
                    .bind("now", now)
                    .execute())
        == 1;
  }

  @Override
  public boolean recordEvent(String eventId, String type, Instant now) {
    return db.insertIfAbsent(
        "INSERT INTO payment_events (event_id, event_type, received_at) VALUES (:id, :type, :now)",
        u -> u.bind("id", eventId).bind("type", type).bind("now", now));
  }
}
