package com.securecart.testing;

import com.securecart.catalog.ProductDetails;
import com.securecart.shared.Money;
import java.util.Map;

/** Products as an admin would enter them; prices in euro cents unless said otherwise. */
public final class ProductMother {
  private ProductMother() {}

  public static ProductDetails product(String sku, long priceCents) {
    return product(sku, priceCents, "EUR");
  }

  public static ProductDetails product(String sku, long priceCents, String currency) {
    return new ProductDetails(
        sku, "Product " + sku, "", "Acme", "Tools", Money.of(priceCents, currency), Map.of(), null);
  }

  /** The same product at another price: what an admin's price change looks like. */
  public static ProductDetails repriced(ProductDetails product, long priceCents) {
    return new ProductDetails(
        product.sku(),
        product.name(),
        product.description(),
        product.brand(),
        product.category(),
        Money.of(priceCents, product.price().currencyCode()),
        product.attributes(),
        product.imageUrl());
  }
}
