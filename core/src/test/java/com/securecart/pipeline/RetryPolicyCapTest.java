package com.securecart.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.testing.ExtremeRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyCapTest {

  @Test
  void lateAttemptsReachTheCapAsDocumented() {
    // Documented: attempt n waits up to min(cap, base * 2^(n-1)). For n = 25 that is min(1 h, 2^24
    // ms) = 1 h.
    RetryPolicy policy = new RetryPolicy(30, Duration.ofMillis(1), Duration.ofHours(1));

    assertThat(policy.delay(25, ExtremeRandom.highest())).isEqualTo(Duration.ofHours(1));
  }
}
