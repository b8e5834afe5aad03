package com.securecart.shared;

/**
 * One thing a staff route does. A permission that changes prices, stock, sales or staff needs a
 * recent re-authentication ({@link #stepUp}): a stolen but idle staff session cannot make them.
 */
public enum Permission {
  CATALOG_READ(false),
  /** Products (and so prices), stock and sales. */
  CATALOG_WRITE(true),
  ORDERS_READ(false),
  /** Order changes made by staff (none yet beyond the pipeline's; reserved for fulfilment). */
  ORDERS_WRITE(false),
  MAIL_READ(false),
  ANALYTICS_READ(false),
  ANALYTICS_RUN(false),
  /** Operations pages and the metrics view. */
  OPS(false),
  STAFF_READ(false),
  /** Inviting, disabling and changing the role of staff, and one's own recovery codes. */
  STAFF_WRITE(true),
  /** One's own staff account: new recovery codes. Every staff role has it. */
  OWN_ACCOUNT(true);

  private final boolean stepUp;

  Permission(boolean stepUp) {
    this.stepUp = stepUp;
  }

  /** Whether using it needs a TOTP re-authentication within the last few minutes. */
  public boolean stepUp() {
    return stepUp;
  }
}
