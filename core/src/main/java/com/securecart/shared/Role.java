package com.securecart.shared;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an authenticated account may do. Customers shop; the four staff roles each get the least
 * that their job needs (docs/staff-access.md has the table). The permission map lives here, in one
 * place, so that the staff-only filter asks one question per route.
 */
public enum Role {
  CUSTOMER(EnumSet.noneOf(Permission.class)),
  /** Everything, including staff accounts, operations and the nightly jobs. */
  OWNER(EnumSet.allOf(Permission.class)),
  /** Products, prices, stock and sales; no orders or customers. */
  CATALOG(EnumSet.of(Permission.CATALOG_READ, Permission.CATALOG_WRITE, Permission.ANALYTICS_READ)),
  /** Orders and the mail they send; sees the catalogue and stock but changes neither. */
  FULFILMENT(
      EnumSet.of(
          Permission.ORDERS_READ,
          Permission.ORDERS_WRITE,
          Permission.MAIL_READ,
          Permission.CATALOG_READ,
          Permission.OWN_ACCOUNT)),
  /** Answers customers: reads orders, mail and the catalogue; writes nothing. */
  SUPPORT(
      EnumSet.of(
          Permission.ORDERS_READ,
          Permission.MAIL_READ,
          Permission.CATALOG_READ,
          Permission.OWN_ACCOUNT));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = permissions;
  }

  /** Whether this is a staff role (every one needs MFA and signs in at /admin/login). */
  public boolean staff() {
    return this != CUSTOMER;
  }

  public boolean may(Permission permission) {
    return permissions.contains(permission);
  }
}
