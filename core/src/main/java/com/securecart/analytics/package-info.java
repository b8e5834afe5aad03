/**
 * Analytics: what the nightly batch computes per day from the orders (revenue, orders, average
 * order value, units, top categories, brands and products, new and returning customers, payment
 * failure and cancellation rates, cart-to-order conversion) and the customers' RFM segments, kept
 * per day so that the admin dashboard can chart them. A day is a UTC calendar day of when orders
 * were placed; one currency is assumed, as in search.
 */
package com.securecart.analytics;
