package com.securecart.inventory;

/** A line that cannot be served: how much was asked, how much is available now. */
record Shortage(String sku, int requested, int available) {}
