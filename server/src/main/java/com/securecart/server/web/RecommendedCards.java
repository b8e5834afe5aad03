package com.securecart.server.web;

import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.inventory.InventoryApi;
import com.securecart.server.recommendations.Recommender;
import com.securecart.shared.CustomerId;
import com.securecart.shared.ProductId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Recommendations as product cards, for the product and account pages. */
public final class RecommendedCards {
  private final Recommender recommendations;
  private final CatalogApi catalog;
  private final InventoryApi inventory;

  public RecommendedCards(Recommender recommendations, CatalogApi catalog, InventoryApi inventory) {
    this.recommendations = recommendations;
    this.catalog = catalog;
    this.inventory = inventory;
  }

  /** "Customers who bought this also bought". */
  List<WebViews.ProductCard> similarTo(Product product, int limit) {
    return cards(recommendations.similarTo(product.id(), product.category(), limit));
  }

  /** "Recommended for you", for a customer signed in with {@code sessionToken}. */
  List<WebViews.ProductCard> forCustomer(CustomerId customer, String sessionToken, int limit) {
    return cards(recommendations.forCustomer(customer, sessionToken, limit));
  }

  /** "You may also like", for a cart. */
  List<WebViews.ProductCard> forBasket(List<ProductId> basket, int limit) {
    return basket.isEmpty() ? List.of() : cards(recommendations.forBasket(basket, limit));
  }

  private List<WebViews.ProductCard> cards(List<ProductId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<ProductId, Product> products = catalog.getAll(ids);
    List<Product> found = ids.stream().map(products::get).filter(Objects::nonNull).toList();
    Map<String, Integer> available = inventory.available(found.stream().map(Product::sku).toList());
    return found.stream()
        .map(p -> WebViews.ProductCard.of(p, available.getOrDefault(p.sku(), 0)))
        .toList();
  }
}
