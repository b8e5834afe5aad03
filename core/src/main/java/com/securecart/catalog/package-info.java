/**
 * The catalog owns products and categories: what is sold, at which price. Prices anywhere else in
 * SecureCart are read from here, never taken from a client. Stock is the inventory context's.
 */
package com.securecart.catalog;
