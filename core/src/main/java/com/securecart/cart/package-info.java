/**
 * The cart owns what a shopper intends to buy: product ids and quantities, never prices. A guest
 * cart is reached by its unguessable id; a customer's cart is bound to the account, and a guest
 * cart merges into it at login.
 */
package com.securecart.cart;
