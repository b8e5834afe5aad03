package com.securecart.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;

/** Template matchers several stack tests share. */
final class Matchers {
  private Matchers() {}

  /** A resource policy (topic, queue, bucket) with a statement that denies plain HTTP. */
  static Object denyingInsecureTransport() {
    return Match.objectLike(
        Map.of(
            "PolicyDocument",
            Match.objectLike(
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Effect",
                                    "Deny",
                                    "Condition",
                                    Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
  }
}
