/**
 * Traffic profiles: offered orders per second at one-second resolution over a period, with the
 * announced events (a sale's start, end and multiplier) that a scheduled action can use. A normal
 * week takes its shape from the real UCI Online Retail invoices ({@link
 * com.securecart.planner.traffic.WeekShape}); a flash sale, an unannounced spike and a
 * user-supplied CSV are the others. {@link com.securecart.planner.traffic.RequestsPerOrder} turns
 * orders into requests per role.
 */
package com.securecart.planner.traffic;
