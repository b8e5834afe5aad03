package com.securecart.notifications;

import com.securecart.identity.AccountMail;
import com.securecart.orders.OrderDetails;

/** Port to the e-mail templates (HTML and plain text). */
public interface EmailTemplates {
  EmailMessage render(NotificationKind kind, OrderDetails order);

  /** An account e-mail: fixed wording per kind and a link carrying the token, nothing else. */
  EmailMessage render(AccountMail mail);
}
