package com.securecart.identity;

import com.securecart.shared.Check;
import com.securecart.shared.EmailAddress;

/** A new customer's sign-up. Validates itself; the password is never kept beyond hashing. */
public record Registration(String email, String password, String name) {
  public Registration {
    email = EmailAddress.normalise("email", email);
    password = Password.check(password);
    name = Check.text("name", name, 1, 100);
  }

  @Override
  public String toString() {
    return "Registration[email=" + email + ", password=***, name=" + name + "]";
  }
}
