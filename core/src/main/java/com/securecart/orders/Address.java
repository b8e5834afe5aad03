package com.securecart.orders;

import com.securecart.shared.Check;
import com.securecart.shared.ValidationException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** A shipping address. Country is an ISO 3166-1 alpha-2 code. */
public record Address(
    String name, String line1, String line2, String city, String postalCode, String country) {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern POSTAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{1,11}");

  public Address {
    name = Check.text("shippingAddress.name", name, 1, 100);
    line1 = Check.text("shippingAddress.line1", line1, 1, 200);
    line2 = Check.optionalText("shippingAddress.line2", line2, 200);
    city = Check.text("shippingAddress.city", city, 1, 100);
    postalCode =
        Check.matches(
            "shippingAddress.postalCode",
            postalCode == null ? null : postalCode.strip(),
            POSTAL,
            "must be 2 to 12 letters, digits, spaces or dashes");
    if (country == null || !COUNTRIES.contains(country.strip().toUpperCase(Locale.ROOT))) {
      throw new ValidationException("shippingAddress.country", "must be an ISO 3166 alpha-2 code");
    }
    country = country.strip().toUpperCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    // Addresses are personal data: keep them out of logs.
    return "Address[country=" + country + "]";
  }
}
