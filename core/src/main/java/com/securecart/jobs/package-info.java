/**
 * Jobs: a ledger of batch runs per job and day, so that a run that crashed or failed part-way is
 * resumed (its finished stages are skipped) and two runs of the same day never overlap. A run holds
 * its day by a heartbeat; a run whose heartbeat is older than the lease is taken to have crashed,
 * and the next run takes it over.
 */
package com.securecart.jobs;
