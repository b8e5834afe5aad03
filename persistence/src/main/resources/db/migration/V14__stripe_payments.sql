-- Issue 15 item 1: a real payment provider (Stripe) behind the PaymentProvider port.
-- authorization_id now holds a Stripe PaymentIntent id (pi_...) or a sandbox id. status gains
-- REQUIRES_ACTION (the shopper must authenticate, 3-D Secure), CAPTURED and FAILED.
-- client_secret: what the shopper's browser needs to complete a REQUIRES_ACTION payment with
-- Stripe.js; set only while the payment waits for that action, cleared when it moves on.
ALTER TABLE payment_authorizations ADD COLUMN client_secret VARCHAR(255);
-- A webhook names the PaymentIntent; our record of it names the order.
CREATE INDEX payment_authorizations_authorization ON payment_authorizations (authorization_id);

-- Webhook events applied, by the provider's event id: a redelivered event is recorded once, in
-- the transaction that applies it, so it is applied once. Rows are small; nothing deletes them yet
-- (Stripe redelivers for up to three days: older rows could go).
CREATE TABLE payment_events (
  event_id    VARCHAR(255) PRIMARY KEY,
  event_type  VARCHAR(100) NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL
);
