/**
 * Security events (docs/audit.md): sign-ins, refusals (401, 403, CSRF, 429) and, for the staff work
 * under way, lockouts, MFA failures and staff sessions from new addresses, each written as one
 * structured JSON log line and counted in {@code securecart_security_events_total{event}}, which
 * the alert rules in ops/prometheus watch.
 */
package com.securecart.server.security;
