/**
 * The capacity and cost planner: turns measured capacity per role (a load sweep's file) and a dated
 * snapshot of AWS list prices into instance counts, scaling settings, a second-by-second scaling
 * simulation over a traffic profile, and dollars per 1,000 orders. Plain Java; it reads and writes
 * files and depends on no other SecureCart module.
 */
package com.securecart.planner;
