/**
 * Notifications owns the e-mails SecureCart sends to customers and the record of what was sent, so
 * that a redelivered event never mails a customer twice. Templates and transport are ports: SMTP in
 * production, a local mailbox that admins can read when no SMTP server is configured.
 */
package com.securecart.notifications;
