package com.securecart.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class OnlineRetailCsvTest {
  @Test
  void readsAPlainLine() {
    OnlineRetailCsv.Row row =
        OnlineRetailCsv.parse(
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER ,6,2010-12-01T08:26:00,2.55,17850,"
                + "United Kingdom",
            2);

    assertThat(row)
        .isEqualTo(
            new OnlineRetailCsv.Row(
                "536365",
                "85123A",
                "WHITE HANGING HEART T-LIGHT HOLDER",
                6,
                LocalDateTime.of(2010, 12, 1, 8, 26),
                255,
                17850L,
                "United Kingdom"));
    assertThat(row.cancellation()).isFalse();
  }

  @Test
  void aQuotedDescriptionMayHoldCommasAndQuotes() {
    OnlineRetailCsv.Row row =
        OnlineRetailCsv.parse(
            "536520,21390,\"FILIGREE HEART, \"\"BIRD\"\" WHITE\",12,2010-12-01T12:43:00,1.25,14729,"
                + "United Kingdom",
            7);

    assertThat(row.description()).isEqualTo("FILIGREE HEART, \"BIRD\" WHITE");
    assertThat(row.quantity()).isEqualTo(12);
    assertThat(row.country()).isEqualTo("United Kingdom");
  }

  @Test
  void aCancellationWithoutCustomer() {
    OnlineRetailCsv.Row row =
        OnlineRetailCsv.parse("C536379,D,Discount,-1,2010-12-01T09:41:00,27.50,,", 3);

    assertThat(row.cancellation()).isTrue();
    assertThat(row.quantity()).isEqualTo(-1);
    assertThat(row.customerId()).isNull();
    assertThat(row.country()).isEmpty();
  }

  @Test
  void pricesBecomePenceRoundedHalfUp() {
    assertThat(OnlineRetailCsv.pence("2.55")).isEqualTo(255);
    assertThat(OnlineRetailCsv.pence("18")).isEqualTo(1800);
    assertThat(OnlineRetailCsv.pence("0.001")).isZero();
    assertThat(OnlineRetailCsv.pence("0.005")).isEqualTo(1);
    assertThat(OnlineRetailCsv.pence("-11062.06")).isEqualTo(-1_106_206);
  }

  @Test
  void aBrokenLineIsNamedByItsNumber() {
    assertThatThrownBy(() -> OnlineRetailCsv.parse("536365,85123A,HEART,6", 42))
        .isInstanceOf(OnlineRetailCsv.FormatException.class)
        .hasMessage("online retail CSV line 42: expected 8 fields, found 4");
    assertThatThrownBy(
            () -> OnlineRetailCsv.parse("536365,85123A,\"HEART,6,2010-12-01T08:26:00,2.55,1,UK", 9))
        .hasMessageContaining("line 9: unterminated quoted field");
    assertThatThrownBy(
            () ->
                OnlineRetailCsv.parse(
                    "536365,85123A,HEART,six,2010-12-01T08:26:00,2.55,17850,United Kingdom", 5))
        .hasMessageStartingWith("online retail CSV line 5: bad number or date");
    assertThatThrownBy(
            () -> OnlineRetailCsv.parse("536365,85123A,HEART,6,01/12/2010 08:26,2.55,17850,UK", 6))
        .hasMessageStartingWith("online retail CSV line 6: bad number or date");
    assertThatThrownBy(
            () -> OnlineRetailCsv.parse(",85123A,HEART,6,2010-12-01T08:26:00,2.55,17850,UK", 8))
        .hasMessage("online retail CSV line 8: invoice and stock_code are required");
  }

  @Test
  void splitsEmptyAndTrailingFields() {
    assertThat(OnlineRetailCsv.split("a,,\"\",b,", 1)).containsExactly("a", "", "", "b", "");
    assertThatThrownBy(() -> OnlineRetailCsv.split("\"a\"b,c", 1))
        .hasMessageContaining("text after a closing quote");
  }
}
