package com.securecart.catalog;

import com.securecart.shared.Check;
import com.securecart.shared.Currencies;
import com.securecart.shared.Money;
import com.securecart.shared.ValidationException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** What an admin sets on a product; validates itself, so a product can never hold bad data. */
public record ProductDetails(
    String sku,
    String name,
    String description,
    String brand,
    String category,
    Money price,
    Map<String, String> attributes,
    String imageUrl) {

  static final long MAX_PRICE_CENTS = 100_000_000_00L;
  private static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,39}");
  private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{0,39}");

  public ProductDetails {
    sku = Check.matches("sku", sku, SKU, "must be 3 to 40 upper-case letters, digits or dashes");
    name = Check.text("name", name, 1, 200);
    description = description == null ? "" : Check.text("description", description, 0, 5_000);
    brand = Check.text("brand", brand, 1, 100);
    category = Check.text("category", category, 1, 100);
    Check.required("price", price);
    Check.range("priceCents", price.cents(), 1, MAX_PRICE_CENTS);
    attributes = checkAttributes(attributes == null ? Map.of() : attributes);
    imageUrl = checkImageUrl(imageUrl);
  }

  public static ProductDetails of(
      String sku,
      String name,
      String description,
      String brand,
      String category,
      Long priceCents,
      String currency,
      Map<String, String> attributes,
      String imageUrl) {
    Check.required("priceCents", priceCents);
    return new ProductDetails(
        sku,
        name,
        description,
        brand,
        category,
        new Money(priceCents, Currencies.parse("currency", currency)),
        attributes,
        imageUrl);
  }

  private static Map<String, String> checkAttributes(Map<String, String> attributes) {
    if (attributes.size() > 30) {
      throw new ValidationException("attributes", "at most 30 attributes");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    attributes.forEach(
        (key, value) -> {
          Check.matches(
              "attributes", key, ATTRIBUTE_KEY, "keys are 1 to 40 letters, digits, - or _");
          copy.put(key, Check.text("attributes." + key, value, 0, 200));
        });
    return Map.copyOf(copy);
  }

  private static String checkImageUrl(String imageUrl) {
    if (imageUrl == null || imageUrl.isBlank()) {
      return null;
    }
    String url = Check.text("imageUrl", imageUrl, 1, 500);
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null) {
        throw new ValidationException("imageUrl", "must be an http(s) URL");
      }
    } catch (java.net.URISyntaxException e) {
      throw new ValidationException("imageUrl", "must be an http(s) URL");
    }
    return url;
  }
}
