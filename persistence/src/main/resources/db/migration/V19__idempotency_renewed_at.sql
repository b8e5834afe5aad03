-- Issue 18, item 6 (ADR 4, amended): a checkout in flight renews its claim on its Idempotency-Key
-- while it runs, so that the lease can be short. The claim itself stays identified by locked_at
-- (complete and release match on it); renewed_at only says the owner is alive. NULL: not renewed yet.
ALTER TABLE idempotency_keys ADD COLUMN renewed_at TIMESTAMP WITH TIME ZONE;
