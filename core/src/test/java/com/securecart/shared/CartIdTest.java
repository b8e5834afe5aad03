package com.securecart.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CartIdTest {

  @Test
  void randomIdsAre128BitsUrlSafeAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      CartId id = CartId.random();
      assertThat(id.value()).hasSize(22).matches("[A-Za-z0-9_-]+");
      seen.add(id.value());
    }
    assertThat(seen).hasSize(100);
  }

  @Test
  void aRandomIdSurvivesARoundTripThroughItsString() {
    CartId id = CartId.random();

    assertThat(new CartId(id.toString())).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abcdefghijABCDEFGHIJ01", // 22, the shortest
        "abc-def_ghiABCDEFGHIJ0",
        "0123456789012345678901234567890123456789012345678901234567890123", // 64, the longest
      })
  void acceptsUrlSafeTokensOf22To64Characters(String value) {
    assertThat(new CartId(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abcdefghijABCDEFGHIJ0", // 21
        "01234567890123456789012345678901234567890123456789012345678901234", // 65
        "abcdefghijABCDEFGHIJ0+", // standard base64
        "abcdefghijABCDEFGHIJ0/",
        "abcdefghijABCDEFGHIJ0=",
        "abcdefghijABCDEFGHIJ 01",
        "../../../../etc/passwd/xx",
      })
  void rejectsOtherShapes(String value) {
    assertThatThrownBy(() -> new CartId(value))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.fieldErrors()).containsEntry("cartId", "is not a cart id"));
  }

  @Test
  void isRequired() {
    assertThatThrownBy(() -> new CartId(null))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.fieldErrors()).containsEntry("cartId", "is required"));
  }
}
