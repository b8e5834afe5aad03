package com.securecart.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckTest {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private static void assertFieldError(ThrowingCallable call, String field, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.fieldErrors()).containsEntry(field, message);
              assertThat(e.type()).isEqualTo("validation");
              assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
            });
  }

  @Test
  void textStripsSurroundingWhitespace() {
    assertThat(Check.text("name", "  Ada Lovelace \n", 1, 20)).isEqualTo("Ada Lovelace");
  }

  @Test
  void textIsRequired() {
    assertFieldError(() -> Check.text("name", null, 1, 20), "name", "is required");
  }

  @Test
  void textLengthIsCheckedAfterStripping() {
    assertFieldError(() -> Check.text("name", "   ", 1, 20), "name", "must be 1 to 20 characters");
    assertThat(Check.text("name", "  abc  ", 3, 3)).isEqualTo("abc");
  }

  @Test
  void textLengthBoundsAreInclusive() {
    assertThat(Check.text("f", "ab", 2, 4)).isEqualTo("ab");
    assertThat(Check.text("f", "abcd", 2, 4)).isEqualTo("abcd");
    assertFieldError(() -> Check.text("f", "a", 2, 4), "f", "must be 2 to 4 characters");
    assertFieldError(() -> Check.text("f", "abcde", 2, 4), "f", "must be 2 to 4 characters");
  }

  @Test
  void textCountsUtf16UnitsAsTheDatabasesDo() {
    String twoEmoji = "\uD83D\uDE00\uD83D\uDE00"; // two code points, four chars

    assertThat(Check.text("f", twoEmoji, 1, 4)).isEqualTo(twoEmoji);
    assertThatThrownBy(() -> Check.text("f", twoEmoji, 1, 3))
        .isInstanceOf(ValidationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "a\u0007b", "a\rb", "a\u001Bb", "a\u007Fb"})
  void textRejectsControlCharacters(String value) {
    assertFieldError(
        () -> Check.text("f", value, 0, 20), "f", "must not contain control characters");
  }

  @Test
  void textAllowsNewlinesAndTabsInside() {
    assertThat(Check.text("f", "line one\nline\ttwo", 0, 50)).isEqualTo("line one\nline\ttwo");
  }

  @Test
  void optionalTextTurnsNullAndBlankIntoNull() {
    assertThat(Check.optionalText("f", null, 5)).isNull();
    assertThat(Check.optionalText("f", "   ", 5)).isNull();
    assertThat(Check.optionalText("f", " ab ", 5)).isEqualTo("ab");
    assertFieldError(() -> Check.optionalText("f", "abcdef", 5), "f", "must be 0 to 5 characters");
  }

  @Test
  void matchesReturnsTheValueOrNamesTheRule() {
    assertThat(Check.matches("code", "123", DIGITS, "digits only")).isEqualTo("123");
    assertFieldError(
        () -> Check.matches("code", "12a", DIGITS, "digits only"), "code", "digits only");
    assertFieldError(
        () -> Check.matches("code", null, DIGITS, "digits only"), "code", "is required");
  }

  @Test
  void matchesMustMatchTheWholeValue() {
    assertFieldError(
        () -> Check.matches("code", "a123", DIGITS, "digits only"), "code", "digits only");
  }

  @Test
  void rangeIsInclusive() {
    assertThat(Check.range("qty", 1, 1, 10)).isEqualTo(1);
    assertThat(Check.range("qty", 10, 1, 10)).isEqualTo(10);
    assertFieldError(() -> Check.range("qty", 0, 1, 10), "qty", "must be between 1 and 10");
    assertFieldError(() -> Check.range("qty", 11, 1, 10), "qty", "must be between 1 and 10");
  }

  @Test
  void requiredReturnsTheValueOrFails() {
    Object value = new Object();

    assertThat(Check.required("thing", value)).isSameAs(value);
    assertFieldError(() -> Check.required("thing", null), "thing", "is required");
  }
}
