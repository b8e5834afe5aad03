package com.securecart.identity;

import com.securecart.shared.Principal;
import java.time.Instant;

/**
 * A stored session that has not expired, with what the idle timeout and step-up need.
 *
 * @param lastSeenAt when a request last used it (updated at most once a minute)
 * @param steppedUpAt when its holder last re-entered a TOTP code; null if never
 */
public record ActiveSession(Principal principal, Instant lastSeenAt, Instant steppedUpAt) {}
