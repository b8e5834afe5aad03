/**
 * Background workers an instance runs in the {@code workers} role: outbox dispatchers feeding the
 * order pipeline, and housekeeping (expired reservations, sessions and idempotency keys).
 */
package com.securecart.server.workers;
