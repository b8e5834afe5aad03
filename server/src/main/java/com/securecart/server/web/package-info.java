/**
 * The web UI: server-rendered pages for shoppers and staff. Routes here parse a form or a query,
 * call the same context facades as the JSON API, and render a precompiled JTE template (HTML
 * auto-escaped). Browsers hold the identity's opaque session token in an HttpOnly cookie; every
 * state-changing form carries a CSRF token bound to that session (see ADR 0008). Live stock and
 * order status reach pages as Server-Sent Events (ADR 0009). Staff pages live under {@code /admin},
 * behind one filter ({@link com.securecart.server.web.StaffOnly}) that admits only admins.
 *
 * <p>Why the dependencies: {@code helidon-webserver-sse} writes the event streams; the htmx WebJar
 * ({@code org.webjars.npm:htmx.org}) is served from our own origin so that the CSP can stay {@code
 * script-src 'self'}; JTE renders the pages.
 */
package com.securecart.server.web;
