package com.securecart.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageRequestTest {

  @ParameterizedTest
  @CsvSource({"0, 1", "0, 100", "100000, 1", "100000, 100", "7, 20"})
  void acceptsPagesFrom0To100000AndSizesFrom1To100(int page, int size) {
    PageRequest request = new PageRequest(page, size);

    assertThat(request.page()).isEqualTo(page);
    assertThat(request.size()).isEqualTo(size);
  }

  @ParameterizedTest
  @CsvSource({"-1, 20, page", "100001, 20, page", "0, 0, size", "0, 101, size", "0, -5, size"})
  void rejectsOutOfRangeValuesNamingTheField(int page, int size, String field) {
    assertThatThrownBy(() -> new PageRequest(page, size))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys(field));
  }

  @Test
  void maxSizeIs100() {
    assertThat(PageRequest.MAX_SIZE).isEqualTo(100);
  }

  @Test
  void offsetIsPageTimesSize() {
    assertThat(new PageRequest(0, 20).offset()).isZero();
    assertThat(new PageRequest(3, 20).offset()).isEqualTo(60);
    assertThat(new PageRequest(100_000, 100).offset()).isEqualTo(10_000_000L);
  }
}
