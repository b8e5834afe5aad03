package com.securecart.notifications;

import java.time.Instant;

/**
 * A notification claimed for sending and never marked sent: the sender died between the claim and
 * the record, so whether the customer got it is unknown. It is never sent again automatically; an
 * operator checks the transport's log for its Message-ID (docs/adr/0017).
 */
public record UnsentClaim(long orderId, NotificationKind kind, Instant claimedAt) {}
