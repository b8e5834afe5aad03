package com.securecart.shared;

/** What an authenticated account may do. */
public enum Role {
  CUSTOMER,
  ADMIN
}
