/**
 * Sales own per-customer purchase limits: a sale is a SKU, a limit per customer and a time window.
 * While a sale runs, checkout claims each buyer's units against the limit in its own transaction,
 * with one conditional UPDATE per (sale, buyer key), so that concurrent checkouts by one customer
 * cannot together exceed it. A buyer is counted by several keys at once ({@link
 * com.securecart.sales.SaleBuyer}: account, normalised e-mail, normalised shipping address), so
 * that e-mail aliases and fresh guest addresses to the same door do not reset the count.
 */
package com.securecart.sales;
