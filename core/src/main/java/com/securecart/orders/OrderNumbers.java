package com.securecart.orders;

import java.security.SecureRandom;

/** Order numbers customers can read out on the phone: SC- and ten Crockford base-32 characters. */
final class OrderNumbers {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private OrderNumbers() {}

  static String next() {
    StringBuilder number = new StringBuilder("SC-");
    for (int i = 0; i < 10; i++) {
      number.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return number.toString();
  }
}
