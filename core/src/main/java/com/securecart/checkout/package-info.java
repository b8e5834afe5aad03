/**
 * Checkout turns a cart into an order: it re-prices every line from the catalog, applies tax and
 * shipping rules, reserves stock and records the order with its first event, all in one
 * transaction.
 */
package com.securecart.checkout;
