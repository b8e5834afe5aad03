package com.securecart.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.Money;
import com.securecart.shared.ValidationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductDetailsTest {

  private static ProductDetails withSku(String sku) {
    return details(sku, "Trail shoe", 8999L, Map.of(), null);
  }

  private static ProductDetails withName(String name) {
    return details("SHOE-1", name, 8999L, Map.of(), null);
  }

  private static ProductDetails withPrice(long cents) {
    return details("SHOE-1", "Trail shoe", cents, Map.of(), null);
  }

  private static ProductDetails withAttributes(Map<String, String> attributes) {
    return details("SHOE-1", "Trail shoe", 8999L, attributes, null);
  }

  private static ProductDetails withImage(String imageUrl) {
    return details("SHOE-1", "Trail shoe", 8999L, Map.of(), imageUrl);
  }

  private static ProductDetails details(
      String sku, String name, long priceCents, Map<String, String> attributes, String imageUrl) {
    return ProductDetails.of(
        sku, name, "A shoe", "Acme", "Shoes", priceCents, "EUR", attributes, imageUrl);
  }

  private static void assertInvalid(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fieldErrors()).containsKey(field));
  }

  @Test
  void validDetailsAreKeptAndNormalised() {
    ProductDetails d =
        ProductDetails.of(
            "SHOE-42", "  Trail shoe  ", null, " Acme ", " Shoes ", 8999L, "EUR", null, "   ");

    assertThat(d.sku()).isEqualTo("SHOE-42");
    assertThat(d.name()).isEqualTo("Trail shoe");
    assertThat(d.description()).isEmpty();
    assertThat(d.brand()).isEqualTo("Acme");
    assertThat(d.category()).isEqualTo("Shoes");
    assertThat(d.price()).isEqualTo(Money.of(8999, "EUR"));
    assertThat(d.attributes()).isEmpty();
    assertThat(d.imageUrl()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ABC", "SKU-123", "0-0", "A23456789012345678901234567890123456789A"})
  void acceptsSkusOf3To40UpperCaseLettersDigitsOrDashes(String sku) {
    assertThat(withSku(sku).sku()).isEqualTo(sku);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "AB",
        "sku-123",
        "Sku-123",
        "-ABC",
        "ABC 123",
        "ABC_123",
        "A234567890123456789012345678901234567890A", // 41
        " ABC",
      })
  void rejectsOtherSkus(String sku) {
    assertInvalid(() -> withSku(sku), "sku");
  }

  @Test
  void skuIsRequired() {
    assertInvalid(() -> withSku(null), "sku");
  }

  @Test
  void nameIs1To200Characters() {
    assertThat(withName("x").name()).isEqualTo("x");
    assertThat(withName("x".repeat(200)).name()).hasSize(200);
    assertInvalid(() -> withName(""), "name");
    assertInvalid(() -> withName("   "), "name");
    assertInvalid(() -> withName("x".repeat(201)), "name");
    assertInvalid(() -> withName(null), "name");
  }

  @Test
  void brandAndCategoryAreRequired() {
    assertInvalid(
        () -> ProductDetails.of("SHOE-1", "n", null, " ", "Shoes", 1L, "EUR", null, null), "brand");
    assertInvalid(
        () -> ProductDetails.of("SHOE-1", "n", null, "Acme", null, 1L, "EUR", null, null),
        "category");
  }

  @Test
  void descriptionIsAtMost5000Characters() {
    assertThat(
            ProductDetails.of(
                    "SHOE-1", "n", "d".repeat(5000), "Acme", "Shoes", 1L, "EUR", null, null)
                .description())
        .hasSize(5000);
    assertInvalid(
        () ->
            ProductDetails.of(
                "SHOE-1", "n", "d".repeat(5001), "Acme", "Shoes", 1L, "EUR", null, null),
        "description");
  }

  @Test
  void priceIsFromOneCentToTheMaximum() {
    assertThat(withPrice(1).price().cents()).isEqualTo(1);
    assertThat(withPrice(ProductDetails.MAX_PRICE_CENTS).price().cents())
        .isEqualTo(ProductDetails.MAX_PRICE_CENTS);
    assertInvalid(() -> withPrice(0), "priceCents");
    assertInvalid(() -> withPrice(-1), "priceCents");
    assertInvalid(() -> withPrice(ProductDetails.MAX_PRICE_CENTS + 1), "priceCents");
  }

  @Test
  void maxPriceIsOneHundredMillionInMajorUnits() {
    assertThat(ProductDetails.MAX_PRICE_CENTS).isEqualTo(10_000_000_000L);
  }

  @Test
  void priceAndCurrencyAreRequired() {
    assertInvalid(
        () -> ProductDetails.of("SHOE-1", "n", null, "Acme", "Shoes", null, "EUR", null, null),
        "priceCents");
    assertInvalid(
        () -> new ProductDetails("SHOE-1", "n", null, "Acme", "Shoes", null, null, null), "price");
    assertInvalid(
        () -> ProductDetails.of("SHOE-1", "n", null, "Acme", "Shoes", 1L, "eur", null, null),
        "currency");
  }

  @Test
  void acceptsUpTo30AttributesAndCopiesThem() {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < 30; i++) {
      attributes.put("key" + i, "value " + i);
    }

    ProductDetails d = withAttributes(attributes);
    attributes.put("late", "added after");

    assertThat(d.attributes()).hasSize(30).containsEntry("key7", "value 7");
    assertThatThrownBy(() -> d.attributes().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsMoreThan30Attributes() {
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < 31; i++) {
      attributes.put("key" + i, "v");
    }

    assertInvalid(() -> withAttributes(attributes), "attributes");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "c",
        "color",
        "size_eu",
        "shoe-width",
        "A1",
        "k234567890123456789012345678901234567890"
      })
  void acceptsAttributeKeysOf1To40LettersDigitsDashesOrUnderscores(String key) {
    assertThat(withAttributes(Map.of(key, "v")).attributes()).containsEntry(key, "v");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1color",
        "_color",
        "-color",
        "has space",
        "dot.ted",
        "k2345678901234567890123456789012345678901", // 41
        "<script>",
      })
  void rejectsOtherAttributeKeys(String key) {
    assertInvalid(() -> withAttributes(Map.of(key, "v")), "attributes");
  }

  @Test
  void attributeValuesAreStrippedTextOfAtMost200Characters() {
    assertThat(withAttributes(Map.of("color", "  red ")).attributes())
        .containsEntry("color", "red");
    assertInvalid(() -> withAttributes(Map.of("color", "x".repeat(201))), "attributes.color");
    assertInvalid(() -> withAttributes(Map.of("color", "bad\u0000value")), "attributes.color");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://cdn.example.com/shoe.png",
        "http://example.com/a/b.jpg?size=large",
        "https://cdn.example.com:8443/x.webp",
      })
  void acceptsHttpAndHttpsImageUrlsWithAHost(String url) {
    assertThat(withImage(url).imageUrl()).isEqualTo(url);
  }

  @Test
  void imageUrlIsStripped() {
    assertThat(withImage("  https://cdn.example.com/shoe.png ").imageUrl())
        .isEqualTo("https://cdn.example.com/shoe.png");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com/shoe.png",
        "javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "file:///etc/passwd",
        "/images/shoe.png",
        "//cdn.example.com/shoe.png",
        "cdn.example.com/shoe.png",
        "https:///shoe.png",
        "https://",
        "https:shoe.png",
        "not a url",
        "https://exa mple.com/x.png",
      })
  void rejectsImageUrlsThatAreNotHttpWithAHost(String url) {
    assertInvalid(() -> withImage(url), "imageUrl");
  }

  @Test
  void imageUrlIsAtMost500Characters() {
    String prefix = "https://cdn.example.com/";
    String ok = prefix + "a".repeat(500 - prefix.length());

    assertThat(withImage(ok).imageUrl()).hasSize(500);
    assertInvalid(() -> withImage(ok + "a"), "imageUrl");
  }
}
