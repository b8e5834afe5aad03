-- Issue 15 item 8: no address gets more than SECURECART_MAIL_PER_RECIPIENT_PER_DAY e-mails in 24
-- hours, counted here so that every instance and the Lambda notification function share the count.
-- recipient is the address in lower case (NULL on rows written before this migration: they fall out
-- of the 24-hour window within a day). outcome says whether the row was sent (SEND) or decided
-- against (SKIPPED_UNVERIFIED_GUEST, SKIPPED_RECIPIENT_CAP); a skipped row is done and never
-- counts toward the cap.
ALTER TABLE notifications_sent ADD COLUMN recipient VARCHAR(254);
ALTER TABLE notifications_sent ADD COLUMN outcome VARCHAR(32) DEFAULT 'SEND' NOT NULL;
-- countSentTo: WHERE recipient = ? AND claimed_at >= ? AND outcome = 'SEND'.
CREATE INDEX notifications_sent_recipient ON notifications_sent (recipient, claimed_at);
