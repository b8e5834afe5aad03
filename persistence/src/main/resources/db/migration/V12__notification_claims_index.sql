-- The periodic clean-up looks for stale notification claims every 5 minutes
-- (WHERE sent_at IS NULL AND claimed_at < ?, Maintenance.reportStaleClaims). Almost every row has
-- been sent, so the index finds the few unsent ones without reading the table. A plain index: H2
-- has no partial ones, and PostgreSQL indexes NULLs too (docs/adr/0017).
CREATE INDEX notifications_sent_unsent ON notifications_sent (sent_at, claimed_at);
