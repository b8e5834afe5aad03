package com.securecart.inventory;

/** A line that cannot be served: how much was asked, how much is available now. */
public record Shortage(String sku, int requested, int available) {}
