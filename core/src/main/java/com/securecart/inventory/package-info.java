/**
 * Inventory owns stock per SKU: on hand, and reserved for orders not yet confirmed. Reservation is
 * one conditional UPDATE per SKU, so that concurrent buyers can never take more than is there, on
 * any database and any number of instances. Reservations of orders that are never paid expire and
 * return to stock.
 */
package com.securecart.inventory;
