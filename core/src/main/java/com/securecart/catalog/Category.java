package com.securecart.catalog;

/** A category shoppers browse by, with how many active products it holds. */
public record Category(String name, long productCount) {}
