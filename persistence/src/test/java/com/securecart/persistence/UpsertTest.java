package com.securecart.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The statements an upsert becomes on each database (both are run by the ITs, e.g. CartRaceIT). */
class UpsertTest {
  private static Upsert saleQuota() {
    return Upsert.into("sale_purchases")
        .key("sale_id", ":sale")
        .key("buyer", ":buyer")
        .insert("quantity", ":q")
        .insertWhen("EXISTS (SELECT 1 FROM sales WHERE id = :sale)")
        .update("quantity", "t.quantity + :q")
        .updateWhen("t.quantity + :q <= 5");
  }

  @Test
  void onPostgresqlItIsOneInsertOnConflictDoUpdate() {
    assertThat(saleQuota().postgresSql())
        .isEqualTo(
            "INSERT INTO sale_purchases AS t (sale_id, buyer, quantity)"
                + " SELECT :sale, :buyer, :q WHERE EXISTS (SELECT 1 FROM sales WHERE id = :sale)"
                + " ON CONFLICT (sale_id, buyer) DO UPDATE SET quantity = t.quantity + :q"
                + " WHERE t.quantity + :q <= 5");
  }

  @Test
  void withoutAConditionOnTheInsertPostgresqlGetsPlainValues() {
    assertThat(
            Upsert.into("cart_items")
                .key("cart_id", ":id")
                .insert("quantity", ":q")
                .update("quantity", ":q")
                .postgresSql())
        .isEqualTo(
            "INSERT INTO cart_items AS t (cart_id, quantity) VALUES (:id, :q)"
                + " ON CONFLICT (cart_id) DO UPDATE SET quantity = :q");
  }

  @Test
  void onH2ItIsAStandardMerge() {
    assertThat(saleQuota().mergeSql())
        .isEqualTo(
            "MERGE INTO sale_purchases t USING (SELECT 1 AS one) s"
                + " ON t.sale_id = :sale AND t.buyer = :buyer"
                + " WHEN MATCHED AND t.quantity + :q <= 5 THEN UPDATE SET quantity = t.quantity + :q"
                + " WHEN NOT MATCHED AND EXISTS (SELECT 1 FROM sales WHERE id = :sale)"
                + " THEN INSERT (sale_id, buyer, quantity) VALUES (:sale, :buyer, :q)");
  }

  @Test
  void anUpsertMustUpdateSomething() {
    assertThatThrownBy(() -> Upsert.into("t").key("k", ":k").insert("v", ":v").postgresSql())
        .isInstanceOf(IllegalStateException.class);
  }
}
