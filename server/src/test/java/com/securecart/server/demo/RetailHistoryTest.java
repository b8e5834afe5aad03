package com.securecart.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.catalog.ProductDetails;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetailHistoryTest {
  private static RetailHistory of(String... lines) {
    RetailHistory history = new RetailHistory();
    for (int i = 0; i < lines.length; i++) {
      history.add(OnlineRetailCsv.parse(lines[i], i + 2));
    }
    return history;
  }

  @Test
  void oneProductPerStockCodeNamedByItsMostCommonDescriptionAndPricedByItsMostCommonSale() {
    RetailHistory history =
        of(
            "1,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01T08:26:00,2.55,17850,UK",
            "2,85123a,WHITE HANGING HEART T-LIGHT HOLDER,64,2010-12-02T08:26:00,2.29,17850,UK",
            "3,85123A,CREAM HANGING HEART T-LIGHT HOLDER,6,2010-12-03T08:26:00,2.55,17850,UK",
            "4,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-04T08:26:00,2.55,,UK",
            "5,85123A,damaged,-6,2010-12-05T08:26:00,0,,UK",
            "6,85123A,?,3,2010-12-05T08:26:00,0,,UK",
            "7,22139,RETROSPOT TEA SET CERAMIC 11 PC,1,2010-12-05T08:26:00,0,,UK",
            "8,POST,POSTAGE,1,2010-12-05T08:26:00,18,17850,UK",
            "9,M,Manual,1,2010-12-05T08:26:00,10,17850,UK");

    Map<ProductDetails, Integer> products = history.products();

    assertThat(products).hasSize(1);
    ProductDetails heart = products.keySet().iterator().next();
    assertThat(heart.sku()).isEqualTo("85123A");
    assertThat(heart.name()).isEqualTo("White Hanging Heart T-Light Holder");
    assertThat(heart.price().cents()).isEqualTo(255);
    assertThat(heart.price().currencyCode()).isEqualTo("GBP");
    assertThat(heart.category()).isEqualTo("Candles & Lights");
    assertThat(heart.brand()).isEqualTo(RetailCatalogRules.HOUSE_BRAND);
    assertThat(heart.description()).contains("85123A").contains("CC BY 4.0");
    assertThat(heart.attributes()).containsEntry("stockCode", "85123A");
    assertThat(products.get(heart)).isEqualTo(RetailCatalogRules.openingStock("85123A"));
    // Two zero-price lines, the zero-price product, and the manual adjustment.
    assertThat(history.linesSkipped()).isEqualTo(4);
    assertThat(history.rows()).isEqualTo(9);
  }

  @Test
  void invoicesBecomeOrdersWithTheirGoodsAndPostage() {
    RetailHistory history =
        of(
            "536365,85123A,HEART,6,2010-12-01T08:26:00,2.55,17850,United Kingdom",
            "536365,POST,POSTAGE,2,2010-12-01T08:26:00,1.00,17850,United Kingdom",
            "536365,71053,LANTERN,6,2010-12-01T08:26:00,3.39,17850,United Kingdom",
            "C536379,85123A,HEART,-2,2010-12-01T09:41:00,2.55,17850,United Kingdom",
            "C536379,D,Discount,-1,2010-12-01T09:41:00,27.50,17850,United Kingdom",
            "536380,71053,LANTERN,1,2011-06-01T12:00:00,3.39,,France",
            "536381,POST,POSTAGE,1,2011-06-01T12:00:00,18,12583,France",
            "536382,71053,LANTERN,2,2011-06-02T12:00:00,3.39,12583,France");

    List<RetailHistory.Invoice> invoices = history.invoices();

    assertThat(invoices)
        .extracting(RetailHistory.Invoice::number)
        .containsExactly("536365", "C536379", "536380", "536382");
    RetailHistory.Invoice sale = invoices.get(0);
    assertThat(sale.lines())
        .containsExactly(
            new RetailHistory.Line("85123A", 6, 255), new RetailHistory.Line("71053", 6, 339));
    assertThat(sale.subtotalPence()).isEqualTo(6 * 255 + 6 * 339);
    assertThat(sale.shippingPence()).isEqualTo(200);
    assertThat(sale.cancellation()).isFalse();
    assertThat(sale.placedAt()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));

    RetailHistory.Invoice cancellation = invoices.get(1);
    assertThat(cancellation.cancellation()).isTrue();
    assertThat(cancellation.lines()).containsExactly(new RetailHistory.Line("85123A", 2, 255));

    RetailHistory.Invoice guest = invoices.get(2);
    assertThat(guest.customerId()).isNull();
    assertThat(guest.country()).isEqualTo("France");
    // British summer time: an hour ahead of UTC.
    assertThat(guest.placedAt()).isEqualTo(Instant.parse("2011-06-01T11:00:00Z"));

    // A customer is known from his first line, an invoice of postage alone included.
    assertThat(history.customers())
        .containsExactly(
            new RetailHistory.Customer(12583, LocalDateTime.parse("2011-06-01T12:00:00")),
            new RetailHistory.Customer(17850, LocalDateTime.parse("2010-12-01T08:26:00")));
  }

  @Test
  void theRichestCustomerHasTheMostSalesThenLinesThenTheLowestId() {
    RetailHistory history =
        of(
            "1,85123A,HEART,1,2010-12-01T08:00:00,2.55,300,UK",
            "2,85123A,HEART,1,2010-12-01T08:00:00,2.55,300,UK",
            "C3,85123A,HEART,-1,2010-12-01T08:00:00,2.55,200,UK",
            "C4,85123A,HEART,-1,2010-12-01T08:00:00,2.55,200,UK",
            "C5,85123A,HEART,-1,2010-12-01T08:00:00,2.55,200,UK",
            "6,85123A,HEART,1,2010-12-01T08:00:00,2.55,100,UK",
            "6,71053,LANTERN,1,2010-12-01T08:00:00,3.39,100,UK",
            "7,85123A,HEART,1,2010-12-01T08:00:00,2.55,100,UK",
            "8,85123A,HEART,1,2010-12-01T08:00:00,2.55,400,UK",
            "9,85123A,HEART,1,2010-12-01T08:00:00,2.55,,UK",
            "10,85123A,HEART,1,2010-12-01T08:00:00,2.55,,UK",
            "11,85123A,HEART,1,2010-12-01T08:00:00,2.55,,UK");

    // 100 and 300 have two sales each, 100 one line more; 200 only cancelled; guests count not.
    assertThat(RetailHistory.richestCustomer(history.invoices())).contains(100L);
    assertThat(RetailHistory.richestCustomer(List.of())).isEmpty();
  }

  @Test
  void theShiftIsWholeWeeksThatBringTheNewestDayIntoThePastWeek() {
    Instant newest = Instant.parse("2011-12-09T12:50:00Z"); // a Friday
    for (LocalDate today = LocalDate.parse("2026-01-01");
        today.isBefore(LocalDate.parse("2026-01-20"));
        today = today.plusDays(1)) {
      Duration shift = RetailHistory.shift(newest, today);
      LocalDate moved = LocalDate.ofInstant(newest.plus(shift), java.time.ZoneOffset.UTC);
      assertThat(shift.toDays() % 7).isZero();
      assertThat(moved).isBetween(today.minusDays(7), today.minusDays(1));
      assertThat(moved.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.FRIDAY);
    }
    // The day after the newest day: one week back; and data from the future moves back.
    assertThat(RetailHistory.shift(newest, LocalDate.parse("2011-12-10"))).isEqualTo(Duration.ZERO);
    assertThat(RetailHistory.shift(newest, LocalDate.parse("2011-12-09")))
        .isEqualTo(Duration.ofDays(-7));
    assertThat(RetailHistory.shift(newest, LocalDate.parse("2011-12-17")))
        .isEqualTo(Duration.ofDays(7));
  }

  @Test
  void mostCommonBreaksTiesByTheGivenOrder() {
    assertThat(
            RetailHistory.mostCommon(Map.of(255L, 2, 229L, 2, 199L, 1), Comparator.reverseOrder()))
        .contains(255L);
    assertThat(RetailHistory.mostCommon(Map.of("B", 1, "A", 1), Comparator.naturalOrder()))
        .contains("A");
    assertThat(RetailHistory.mostCommon(Map.<String, Integer>of(), Comparator.naturalOrder()))
        .isEmpty();
  }
}
