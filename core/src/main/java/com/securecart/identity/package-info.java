/**
 * Identity owns accounts, password hashes and sessions. Sessions are opaque random tokens stored
 * server-side (as SHA-256 digests), so any instance can serve any request and logout takes effect
 * everywhere at once.
 */
package com.securecart.identity;
