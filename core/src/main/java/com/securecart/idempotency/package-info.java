/**
 * Idempotent requests with the semantics payment APIs use: the first response, success or business
 * failure, is stored with a fingerprint of the request and replayed for the same key; the same key
 * with another request is refused; a request racing one still in flight with the same key is told
 * so.
 */
package com.securecart.idempotency;
