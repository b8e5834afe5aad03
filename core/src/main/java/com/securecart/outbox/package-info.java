/**
 * The transactional outbox: state changes are recorded as events in the same transaction as the
 * change, and workers on any instance claim and dispatch them. The store's contract is
 * at-least-once; handlers are idempotent.
 */
package com.securecart.outbox;
