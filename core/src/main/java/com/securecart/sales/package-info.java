/**
 * Sales own per-customer purchase limits: a sale is a SKU, a limit per customer and a time window.
 * While a sale runs, checkout claims each buyer's units against the limit in its own transaction,
 * with one conditional UPDATE per (sale, buyer), so that concurrent checkouts by one customer
 * cannot together exceed it.
 */
package com.securecart.sales;
