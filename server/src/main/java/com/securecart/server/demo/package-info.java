/**
 * Demo data for an empty database: a generated catalog ({@link
 * com.securecart.server.demo.DemoCatalog}), or the real UCI Online Retail catalog, customers and
 * order history ({@code --demo-data online-retail}; the rules it applies are in {@code
 * RetailCatalogRules} and the README's "Demo data" section).
 */
package com.securecart.server.demo;
