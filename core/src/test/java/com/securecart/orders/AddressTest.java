package com.securecart.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

  private static Address withCountry(String country) {
    return new Address("Ada Lovelace", "12 Main St", null, "Berlin", "10115", country);
  }

  private static Address withPostalCode(String postalCode) {
    return new Address("Ada Lovelace", "12 Main St", null, "Berlin", postalCode, "DE");
  }

  private static void assertInvalid(Runnable construct, String field) {
    assertThatThrownBy(construct::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys(field));
  }

  @Test
  void aValidAddressIsStrippedAndNormalised() {
    Address a = new Address(" Ada Lovelace ", " 12 Main St ", "  ", " Berlin ", " 10115 ", " de ");

    assertThat(a.name()).isEqualTo("Ada Lovelace");
    assertThat(a.line1()).isEqualTo("12 Main St");
    assertThat(a.line2()).isNull();
    assertThat(a.city()).isEqualTo("Berlin");
    assertThat(a.postalCode()).isEqualTo("10115");
    assertThat(a.country()).isEqualTo("DE");
  }

  @Test
  void line2IsKeptWhenGiven() {
    Address a = new Address("Ada", "12 Main St", " Flat 3 ", "Berlin", "10115", "DE");

    assertThat(a.line2()).isEqualTo("Flat 3");
  }

  @ParameterizedTest
  @CsvSource({"DE, DE", "gb, GB", "Us, US", "FR, FR", "JP, JP"})
  void countryIsAnIsoAlpha2CodeInUpperCase(String input, String expected) {
    assertThat(withCountry(input).country()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "D", "DEU", "Germany", "UK", "XX", "ZZ", "D1", "EU"})
  void rejectsCountriesThatAreNotIsoAlpha2Codes(String country) {
    assertInvalid(() -> withCountry(country), "shippingAddress.country");
  }

  @Test
  void countryIsRequired() {
    assertInvalid(() -> withCountry(null), "shippingAddress.country");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10115", "SW1A 1AA", "K1A 0B1", "1234-567", "12", "ABCDEFGHIJKL"})
  void acceptsPostalCodesOf2To12LettersDigitsSpacesOrDashes(String postalCode) {
    assertThat(withPostalCode(postalCode).postalCode()).isEqualTo(postalCode);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "1", "ABCDEFGHIJKLM", "-1234", " -1234", "1234$", "12_34", "12\n34", "12.345"})
  void rejectsOtherPostalCodes(String postalCode) {
    assertInvalid(() -> withPostalCode(postalCode), "shippingAddress.postalCode");
  }

  @Test
  void postalCodeIsRequired() {
    assertInvalid(() -> withPostalCode(null), "shippingAddress.postalCode");
  }

  @Test
  void nameLine1AndCityAreRequired() {
    assertInvalid(() -> new Address(" ", "l1", null, "c", "10115", "DE"), "shippingAddress.name");
    assertInvalid(() -> new Address("n", null, null, "c", "10115", "DE"), "shippingAddress.line1");
    assertInvalid(() -> new Address("n", "l1", null, "", "10115", "DE"), "shippingAddress.city");
    assertInvalid(
        () -> new Address("n", "l1", "x".repeat(201), "c", "10115", "DE"), "shippingAddress.line2");
  }

  @Test
  void toStringKeepsPersonalDataOutOfLogs() {
    Address a = new Address("Ada Lovelace", "12 Main St", "Flat 3", "Berlin", "10115", "DE");

    assertThat(a.toString())
        .contains("DE")
        .doesNotContain("Ada", "Main", "Flat", "Berlin", "10115");
  }
}
