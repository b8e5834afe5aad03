package com.securecart.notifications;

import com.securecart.orders.Order;

/**
 * Whether an e-mail about an order goes out, and if not, why (issue 15 item 8). The shop must not
 * be a way to e-mail anyone: a guest types any address at checkout, so only what that address paid
 * for is mailed to it, and no address gets more than a few messages a day.
 */
public enum SendDecision {
  SEND("sent"),
  /**
   * A payment-failed notice about a guest order. A guest's address is not verified (nothing
   * verifies addresses yet), and a declined checkout costs an attacker nothing: it would mail any
   * address on the shop's name. The checkout page shows the failure instead. A registered
   * customer's order goes to the account's address and is still notified.
   */
  SKIPPED_UNVERIFIED_GUEST("skipped: unverified guest"),
  /** The recipient already had its share of e-mails in the last 24 hours. */
  SKIPPED_RECIPIENT_CAP("skipped: recipient over its daily cap");

  private final String label;

  SendDecision(String label) {
    this.label = label;
  }

  /** What a mail log shows for it. */
  public String label() {
    return label;
  }

  public boolean sends() {
    return this == SEND;
  }

  /**
   * The rule, given how many e-mails went to the order's address in the last 24 hours.
   *
   * <p>A confirmation (a paid order) still goes to a guest: the guest paid with that address, so
   * mailing it is what the payer asked for, and a paid order is no free way to send mail.
   */
  static SendDecision of(NotificationKind kind, Order order, long sentToRecipientToday, int cap) {
    if (kind == NotificationKind.PAYMENT_FAILED && order.guest()) {
      return SKIPPED_UNVERIFIED_GUEST;
    }
    if (sentToRecipientToday >= cap) {
      return SKIPPED_RECIPIENT_CAP;
    }
    return SEND;
  }
}
