package com.securecart.server.recommendations;

import com.securecart.recommendations.RecommendationsApi;
import com.securecart.shared.CustomerId;
import com.securecart.shared.ProductId;
import java.util.List;

/**
 * Recommendations as a storefront asks for them, answered by this instance's model or by the
 * recommendations service; the ids come back best first, and the caller renders them from its own
 * catalog.
 */
public interface Recommender {
  /** "Customers who bought this also bought". */
  List<ProductId> similarTo(ProductId product, String category, int limit);

  /**
   * "Recommended for you": {@code customer} is who signed in, {@code sessionToken} the session that
   * proves it, which a remote service checks itself rather than trusting a customer id.
   */
  List<ProductId> forCustomer(CustomerId customer, String sessionToken, int limit);

  /** "You may also like", for a cart's products. */
  List<ProductId> forBasket(List<ProductId> basket, int limit);

  /** This instance's own model: the recommendations role runs here, or no service is set. */
  static Recommender local(RecommendationsApi recommendations) {
    return new Recommender() {
      @Override
      public List<ProductId> similarTo(ProductId product, String category, int limit) {
        return recommendations.similarTo(product, category, limit);
      }

      @Override
      public List<ProductId> forCustomer(CustomerId customer, String sessionToken, int limit) {
        return recommendations.forCustomer(customer, limit);
      }

      @Override
      public List<ProductId> forBasket(List<ProductId> basket, int limit) {
        return recommendations.forBasket(basket, limit);
      }
    };
  }
}
