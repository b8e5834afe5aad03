/**
 * Orders own the order aggregate and its state machine: every status change is a guarded transition
 * that records its history and an outbox event in the same transaction. Reads check ownership in
 * the query.
 */
package com.securecart.orders;
