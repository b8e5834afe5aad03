package com.securecart.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.shared.CustomerId;
import com.securecart.shared.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a buyer's e-mail and shipping address are normalised before sale limits count them. */
class SaleBuyerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "buyer@example.com, buyer@example.com",
    "Buyer+1@Example.com, buyer@example.com",
    "BUYER@EXAMPLE.COM, buyer@example.com",
    "' buyer+a+b@example.com ', buyer@example.com",
    "buyer@example.com., buyer@example.com",
    // Dots count outside Gmail: j.doe and jdoe may be two people.
    "j.doe@example.com, j.doe@example.com",
    "j.doe+sale@outlook.com, j.doe@outlook.com",
    "J.Doe+sale@gmail.com, jdoe@gmail.com",
    "j.d.o.e@googlemail.com, jdoe@gmail.com",
    // A local part that is only a tag keeps it rather than becoming empty.
    "+tag@example.com, +tag@example.com",
  })
  void emailsAreNormalised(String email, String normalised) {
    assertThat(SaleBuyer.normalizedEmail(email)).isEqualTo(normalised);
  }

  @Test
  void addressesIgnoreCaseSpacingPunctuationAndAccents() {
    String plain = SaleBuyer.normalizedAddress("1 Main Street", "10115", "DE");

    assertThat(plain).isEqualTo("1mainstreet|10115|de");
    assertThat(SaleBuyer.normalizedAddress("  1, MAIN-street. ", "10 115", "de")).isEqualTo(plain);
    assertThat(SaleBuyer.normalizedAddress("Rue de l'Église 3", "75-001", "FR"))
        .isEqualTo("ruedeleglise3|75001|fr");
    assertThat(SaleBuyer.normalizedAddress("2 Main Street", "10115", "DE")).isNotEqualTo(plain);
    assertThat(SaleBuyer.normalizedAddress("1 Main Street", "10117", "DE")).isNotEqualTo(plain);
  }

  @Test
  void aGuestHasAnEmailAndAnAddressKeyAndACustomerAnAccountKeyFirst() {
    SaleBuyer guest = new SaleBuyer(null, "Buyer+1@Example.com", "1 Main St.", "10115", "DE");
    SaleBuyer customer =
        new SaleBuyer(new CustomerId(7), "buyer@example.com", "1 main st", "10115", "DE");

    assertThat(guest.keys())
        .containsExactly(
            "email:" + Hashing.sha256Hex("buyer@example.com"),
            "address:" + Hashing.sha256Hex("1mainst|10115|de"));
    assertThat(customer.keys())
        .containsExactly("customer:7", guest.keys().get(0), guest.keys().get(1));
    assertThat(guest.keys()).allSatisfy(k -> assertThat(k.length()).isLessThanOrEqualTo(80));
  }
}
