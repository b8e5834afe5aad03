package com.securecart.search;

/** How many hits a facet value would leave. */
public record FacetCount(String value, long count) {}
