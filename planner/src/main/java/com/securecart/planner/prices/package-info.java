/**
 * A dated snapshot of the public AWS list prices (us-east-1) the planner needs, kept under version
 * control in the AWS Price List's shape, and {@link com.securecart.planner.prices.PriceTable} to
 * read it. Spot is a discount the user chooses, never a price: Spot prices change by the hour and
 * zone. {@link com.securecart.planner.prices.PriceSnapshotGenerator} rebuilds the snapshot from the
 * shared price CSVs.
 */
package com.securecart.planner.prices;
