-- An outside transport (SMTP, Amazon SES) is claimed before it sends: the row is written first, on
-- its own, with sent_at NULL, and sent_at is set once the message has gone. The primary key makes
-- one of two racing senders lose the claim and skip (docs/adr/0017). Rows written before this
-- migration were recorded after sending: they are claimed when they were sent.
ALTER TABLE notifications_sent ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
UPDATE notifications_sent SET claimed_at = sent_at;
ALTER TABLE notifications_sent ALTER COLUMN claimed_at SET NOT NULL;
ALTER TABLE notifications_sent ALTER COLUMN sent_at DROP NOT NULL;
