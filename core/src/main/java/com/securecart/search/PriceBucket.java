package com.securecart.search;

/** A price range facet: [fromCents, toCents), either end open when null. */
public record PriceBucket(String label, Long fromCents, Long toCents, long count) {}
