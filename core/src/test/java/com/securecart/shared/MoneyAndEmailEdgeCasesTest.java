package com.securecart.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyAndEmailEdgeCasesTest {

  @Test
  void timesBasisPointsNearTheLimitNeverWrapsAroundToANegativeAmount() {
    Money huge = new Money(Long.MAX_VALUE, Currency.getInstance("EUR"));

    // Long.MAX_VALUE x 1 bp = 922_337_203_685_477.5807, i.e. 922_337_203_685_478 rounded half up.
    // Either that or an ArithmeticException, like every other overflow in Money, is acceptable.
    Money result;
    try {
      result = huge.timesBasisPoints(1);
    } catch (ArithmeticException expected) {
      return;
    }
    assertThat(result.cents()).isEqualTo(922_337_203_685_478L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice@example..com", "alice@mail..example.com", "alice@a...com"})
  void rejectsDomainsWithAnEmptyLabel(String input) {
    assertThatThrownBy(() -> EmailAddress.normalise("email", input))
        .isInstanceOf(ValidationException.class);
  }
}
