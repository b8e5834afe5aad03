package com.securecart.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.persistence.Database;
import com.securecart.persistence.JdbiPaymentRepository;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An insert whose duplicate means "already there" (a provider's event delivered twice, an e-mail's
 * record, an authorization) answers false and leaves the transaction usable, on PostgreSQL as one
 * {@code ON CONFLICT DO NOTHING} statement without a savepoint (issue 18), on H2 under one.
 */
class DuplicateEventIT {

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aSecondDeliveryInTheSameTransactionIsRefusedAndTheTransactionCommits(Engine engine) {
    String url = TestDatabases.freshUrl(engine);
    try (Database db = new Database(url, null, null, 2)) {
      db.migrate();
      JdbiPaymentRepository payments = new JdbiPaymentRepository(db.transactions());
      Instant now = Instant.parse("2026-12-07T12:00:00Z");

      boolean[] recorded =
          db.transactions()
              .inTransaction(
                  () ->
                      new boolean[] {
                        payments.recordEvent("evt_1", "payment_intent.succeeded", now),
                        payments.recordEvent("evt_1", "payment_intent.succeeded", now),
                        payments.recordEvent("evt_2", "payment_intent.succeeded", now)
                      });

      assertThat(recorded).containsExactly(true, false, true);
      // Both first deliveries committed; outside a transaction a duplicate is refused as well.
      assertThat(payments.recordEvent("evt_2", "charge.refunded", now)).isFalse();
      assertThat(payments.recordEvent("evt_3", "charge.refunded", now)).isTrue();
    } finally {
      TestDatabases.drop(url);
    }
  }
}
