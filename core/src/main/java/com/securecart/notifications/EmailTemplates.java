package com.securecart.notifications;

import com.securecart.orders.OrderDetails;

/** Port to the e-mail templates (HTML and plain text). */
public interface EmailTemplates {
  EmailMessage render(NotificationKind kind, OrderDetails order);
}
