package com.securecart.identity;

import com.securecart.shared.CustomerId;
import com.securecart.shared.Role;

/** A staff account as the owner's staff list shows it. */
public record StaffMember(
    CustomerId id, String email, String name, Role role, boolean mfaEnrolled, boolean disabled) {}
