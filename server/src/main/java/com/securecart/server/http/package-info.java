/**
 * HTTP routes: they parse and validate input, call one context facade, and write JSON. Errors are
 * mapped to RFC 9457 problem documents in one place, {@link com.securecart.server.http.Problems}.
 */
package com.securecart.server.http;
