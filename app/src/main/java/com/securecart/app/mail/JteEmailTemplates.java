package com.securecart.app.mail;

import com.securecart.identity.AccountMail;
import com.securecart.notifications.EmailMessage;
import com.securecart.notifications.EmailTemplates;
import com.securecart.notifications.NotificationKind;
import com.securecart.orders.OrderDetails;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders the customer e-mails from precompiled JTE templates: {@code src/main/jte} (HTML,
 * auto-escaped) and {@code src/main/jte-text} (plain text).
 */
public final class JteEmailTemplates implements EmailTemplates {
  private final TemplateEngine html =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, null, "com.securecart.app.mail.templates.html");
  private final TemplateEngine text =
      TemplateEngine.createPrecompiled(
          null, ContentType.Plain, null, "com.securecart.app.mail.templates.text");
  private final String domain;
  private final String publicUrl;

  /**
   * @param publicUrl where the links in account e-mails point ({@code https://shop.example.com})
   */
  public JteEmailTemplates(String domain, String publicUrl) {
    this.domain = domain;
    this.publicUrl = publicUrl;
  }

  @Override
  public EmailMessage render(AccountMail mail) {
    AccountMailText text = AccountMailText.of(mail, publicUrl);
    Map<String, Object> params = Map.of("mail", text);
    // A fresh id each time: two reset mails are two messages.
    String messageId = "<account." + java.util.UUID.randomUUID() + "@" + domain + ">";
    return new EmailMessage(
        mail.to(),
        text.subject(),
        render(html, "account-mail.jte", params),
        render(this.text, "account-mail.jte", params),
        messageId);
  }

  @Override
  public EmailMessage render(NotificationKind kind, OrderDetails details) {
    var order = details.order();
    String template =
        kind == NotificationKind.ORDER_CONFIRMATION
            ? "order-confirmation.jte"
            : "payment-failed.jte";
    String subject =
        kind == NotificationKind.ORDER_CONFIRMATION
            ? "Your SecureCart order " + order.number() + " is confirmed"
            : "Payment for your SecureCart order " + order.number() + " failed";
    Map<String, Object> params = Map.of("order", new MailOrder(order));
    String messageId =
        "<"
            + kind.name().toLowerCase(java.util.Locale.ROOT)
            + "."
            + order.number()
            + "@"
            + domain
            + ">";
    return new EmailMessage(
        order.email(),
        subject,
        render(html, template, params),
        render(text, template, params),
        messageId);
  }

  private static String render(TemplateEngine engine, String template, Map<String, Object> params) {
    StringOutput output = new StringOutput();
    engine.render(template, params, output);
    return output.toString();
  }
}
