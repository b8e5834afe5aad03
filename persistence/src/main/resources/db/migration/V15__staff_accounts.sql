-- Issue 15 item 2: individual staff accounts with roles and TOTP, idle timeouts, step-up.
-- The single ADMIN of before becomes the first OWNER (docs/staff-access.md has the roles).
UPDATE accounts SET role = 'OWNER' WHERE role = 'ADMIN';

-- A disabled account signs in no more (its e-mail stays taken so it cannot be re-registered).
ALTER TABLE accounts ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;
-- TOTP: the base32 secret (pending until enrolled), the last accepted time step (a code of that
-- step or earlier is a replay), and wrong codes since the last right one (locks for a while).
ALTER TABLE accounts ADD COLUMN totp_secret VARCHAR(64);
ALTER TABLE accounts ADD COLUMN totp_enrolled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE accounts ADD COLUMN totp_last_step BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE accounts ADD COLUMN mfa_failures INT DEFAULT 0 NOT NULL;
ALTER TABLE accounts ADD COLUMN mfa_locked_until TIMESTAMP WITH TIME ZONE;

-- Idle timeout and step-up. NULL last_seen_at (sessions from before) counts as created_at.
ALTER TABLE sessions ADD COLUMN last_seen_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sessions ADD COLUMN stepped_up_at TIMESTAMP WITH TIME ZONE;
-- Disabling a staff member deletes their sessions: WHERE account_id = ?.
CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE staff_recovery_codes (
  account_id BIGINT   NOT NULL REFERENCES accounts (id),
  code_hash  CHAR(64) NOT NULL,
  used_at    TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (account_id, code_hash)
);

-- Single-use, expiring; the token is stored as its SHA-256 only.
CREATE TABLE staff_invitations (
  token_hash  CHAR(64)     PRIMARY KEY,
  email       VARCHAR(254) NOT NULL,
  role        VARCHAR(16)  NOT NULL,
  invited_by  BIGINT       NOT NULL REFERENCES accounts (id),
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  accepted_at TIMESTAMP WITH TIME ZONE
);

-- The half-way point of a staff sign-in on the pages (password right, code next): no session.
CREATE TABLE staff_challenges (
  token_hash CHAR(64) PRIMARY KEY,
  account_id BIGINT   NOT NULL REFERENCES accounts (id),
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
