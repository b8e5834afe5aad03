/**
 * Identity owns accounts, password hashes and sessions, and their protection (docs/accounts.md):
 * the failed sign-in count with its back-off, single-use mailed tokens for password resets and
 * e-mail verification, and the ending of sessions on a password change or "sign out everywhere".
 * Sessions are opaque random tokens stored server-side (as SHA-256 digests), so any instance can
 * serve any request and logout takes effect everywhere at once.
 */
package com.securecart.identity;
