/**
 * The nightly batch: per-day analytics and the recommendation model, run for one date by {@code
 * ./securecart batch nightly [--date]}, by the admin API, or at 02:00 local time by an instance
 * with the batch role. Every stage replaces its result for the date in one transaction (or, for the
 * model, one insert), so a re-run replaces and a crashed run leaves the previous result; the job
 * ledger (package {@code com.securecart.jobs}) lets the next run resume after the stages a crashed
 * or failed one finished. On the embedded database the command hands its run to the server holding
 * the files ({@link com.securecart.server.batch.Handover}).
 */
package com.securecart.server.batch;
