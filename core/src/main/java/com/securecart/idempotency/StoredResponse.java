package com.securecart.idempotency;

/** A response as it was first sent: status and body. */
public record StoredResponse(int status, String contentType, String body) {}
