package com.securecart.persistence;

import com.securecart.payments.Authorization;
import com.securecart.payments.PaymentRepository;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import java.time.Instant;
import java.util.Optional;

/** Authorization records in SQL, one per order. */
public final class JdbiPaymentRepository implements PaymentRepository {
  private final JdbiTransactions db;

  public JdbiPaymentRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public Optional<Authorization> find(OrderId orderId) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT order_id, authorization_id, amount_cents, currency, status"
                        + " FROM payment_authorizations WHERE order_id = :id")
                .bind("id", orderId.value())
                .map(
                    (rs, ctx) ->
                        new Authorization(
                            new OrderId(rs.getLong("order_id")),
                            rs.getString("authorization_id"),
                            Money.of(rs.getLong("amount_cents"), rs.getString("currency").trim()),
                            Authorization.Status.valueOf(rs.getString("status"))))
                .findOne());
  }

  @Override
  public boolean insert(OrderId orderId, String authorizationId, Money amount, Instant now) {
    return db.insertUnlessDuplicate(
        h ->
            h.createUpdate(
                    "INSERT INTO payment_authorizations (order_id, authorization_id, amount_cents, currency,"
                        + " status, created_at, updated_at) VALUES (:id, :auth, :amount, :currency,"
                        + " 'AUTHORIZED', :now, :now)")
                .bind("id", orderId.value())
                .bind("auth", authorizationId)
                .bind("amount", amount.cents())
                .bind("currency", amount.currencyCode())
                .bind("now", now)
                .execute());
  }

  @Override
  public boolean markVoided(OrderId orderId, Instant now) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE payment_authorizations SET status = 'VOIDED', updated_at = :now"
                            + " WHERE order_id = :id AND status = 'AUTHORIZED'")
                    .bind("id", orderId.value())
                    .bind("now", now)
                    .execute())
        == 1;
  }
}
