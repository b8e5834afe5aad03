package com.securecart.identity;

import java.util.List;

/**
 * A finished staff sign-in: the session, and the recovery codes if this sign-in completed enrolment
 * (shown once; only their hashes are kept).
 */
public record StaffSignIn(Session session, List<String> recoveryCodes) {}
