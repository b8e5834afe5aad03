package com.securecart.sales;

import com.securecart.shared.Check;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Hashing;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a purchase counts against under a sale's per-customer limit. One buyer has several keys, and
 * each is counted on its own: the account (signed-in customers), the normalised e-mail address and
 * the normalised shipping address. A checkout is refused when any one of them has reached the
 * limit, so a new guest e-mail alias to the same door, or a new account with the same e-mail, buys
 * nothing more. A signed-in customer whose e-mail is not verified buys nothing under a limit
 * ({@code accountUnverified}, issue 15 item 6, docs/accounts.md): anyone can register any address,
 * so an unverified account would let a stranger use up the address owner's share. A guest is
 * counted by the address typed at checkout, as before: a guest gets only what that address paid
 * for.
 *
 * <p>Only SHA-256 digests of the normalised e-mail and address are stored: enough to count, nothing
 * to leak.
 */
public record SaleBuyer(
    CustomerId customer,
    String email,
    String line1,
    String postalCode,
    String country,
    boolean accountUnverified) {
  /**
   * Gmail ignores dots in the local part and delivers googlemail.com to the same mailbox (Google's
   * own help pages say so), so {@code j.doe@googlemail.com} is {@code jdoe@gmail.com}. Other
   * providers (Outlook, Yahoo, iCloud, Fastmail, corporate servers) treat dots as significant:
   * {@code j.doe} and {@code jdoe} may be two people there, so dots stay.
   */
  private static final Set<String> GMAIL = Set.of("gmail.com", "googlemail.com");

  private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  public SaleBuyer {
    Check.required("email", email);
    Check.required("shippingAddress.line1", line1);
    Check.required("shippingAddress.postalCode", postalCode);
    Check.required("shippingAddress.country", country);
  }

  /** A guest, or an account whose address is verified. */
  public SaleBuyer(
      CustomerId customer, String email, String line1, String postalCode, String country) {
    this(customer, email, line1, postalCode, country, false);
  }

  /**
   * The keys this buyer is counted by, in a fixed order (account, e-mail, address): every checkout
   * takes the rows of one sale in that order, so two checkouts that share keys wait for each other
   * rather than deadlock.
   */
  List<String> keys() {
    List<String> keys = new ArrayList<>(3);
    if (customer != null) {
      keys.add("customer:" + customer.value());
    }
    // The "email:" key is the digest it was before normalisation came (for an address without a
    // tag, dots or capitals the two agree), so counts made before the upgrade still hold.
    keys.add("email:" + Hashing.sha256Hex(normalizedEmail(email)));
    keys.add("address:" + Hashing.sha256Hex(normalizedAddress(line1, postalCode, country)));
    return keys;
  }

  /**
   * The mailbox an address delivers to, as far as a shop can tell: lower case; the sub-address
   * ({@code +tag}, RFC 5233) cut off for every domain, as Gmail, Outlook.com, iCloud, Fastmail and
   * Proton deliver {@code buyer+anything@} to {@code buyer@} (two real people whose names differ
   * only by a {@code +tag} would merely share a limit); for Gmail also the dots removed and
   * googlemail.com mapped to gmail.com.
   */
  static String normalizedEmail(String email) {
    String lower = email.strip().toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf('@');
    if (at <= 0) {
      return lower;
    }
    String local = lower.substring(0, at);
    String domain = lower.substring(at + 1);
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    int plus = local.indexOf('+');
    if (plus > 0) {
      local = local.substring(0, plus);
    }
    if (GMAIL.contains(domain)) {
      local = local.replace(".", "");
      domain = "gmail.com";
    }
    return local + "@" + domain;
  }

  /**
   * The door a parcel goes to: street line, postal code and country, each compared without case,
   * accents, spaces or punctuation, so that {@code "1 Main Street"}, {@code " 1 main street."} and
   * {@code "1, MAIN-STREET"} are one address. The second line (flat, c/o) and the city are left
   * out: they are the cheapest parts to vary. Abbreviations ("St" for "Street") are not unified.
   */
  static String normalizedAddress(String line1, String postalCode, String country) {
    return squash(line1) + "|" + squash(postalCode) + "|" + squash(country);
  }

  private static String squash(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    String plain = MARKS.matcher(decomposed).replaceAll("");
    return NOT_LETTER_OR_DIGIT.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("");
  }
}
