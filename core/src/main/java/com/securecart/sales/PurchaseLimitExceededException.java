package com.securecart.sales;

import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;
import java.util.Map;

/** The buyer would take more of a sale's SKU than its per-customer limit allows. */
public final class PurchaseLimitExceededException extends DomainException {
  PurchaseLimitExceededException(Sale sale) {
    super(
        Kind.CONFLICT,
        ProblemType.PURCHASE_LIMIT_EXCEEDED,
        "Purchase limit exceeded",
        "This sale allows at most " + sale.perCustomerLimit() + " unit(s) per customer",
        Map.of("sku", sale.sku(), "perCustomerLimit", sale.perCustomerLimit()));
  }
}
