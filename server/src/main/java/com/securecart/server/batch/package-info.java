/**
 * The nightly batch: per-day analytics and the recommendation model, run for one date by {@code
 * ./securecart batch nightly [--date]}, by the admin API, or at 02:00 local time by an instance
 * with the batch role. Every stage replaces its result for the date in one transaction (or, for the
 * model, one reference swap), so a re-run replaces and a crashed run leaves the previous result.
 */
package com.securecart.server.batch;
