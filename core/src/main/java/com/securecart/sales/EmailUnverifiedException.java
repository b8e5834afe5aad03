package com.securecart.sales;

import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;

/**
 * A signed-in customer with an unverified e-mail tried to buy a SKU under a per-customer sale limit
 * (403 {@code email-unverified}); verifying the address (the link mailed at registration, or a new
 * one from {@code POST /api/auth/verify-email/resend}) lifts it.
 */
public final class EmailUnverifiedException extends DomainException {
  EmailUnverifiedException() {
    super(
        Kind.FORBIDDEN,
        ProblemType.EMAIL_UNVERIFIED,
        "E-mail not verified",
        "This sale is limited per customer: verify your e-mail address first (see the link we"
            + " mailed you, or ask for a new one)");
  }
}
