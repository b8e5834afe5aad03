package com.securecart.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 4: two instances on one PostgreSQL database share the failed sign-in count, so n
 * instances do not give n times the guesses.
 */
class SharedFailureCountIT {
  @Test
  void twoInstancesCountFailedSignInsTogether() {
    TestApp a = TestApp.start(TestDatabases.Engine.POSTGRES);
    TestApp b = TestApp.startOn(a.dbUrl(), c -> c);
    try {
      a.api().newCustomer("shared@example.com");
      // Three on each: six failures in all, past the five free ones, though each instance saw
      // only three.
      for (int i = 0; i < 3; i++) {
        assertThat(fail(a.api(), i)).isEqualTo(401);
        assertThat(fail(b.api(), i)).isEqualTo(401);
      }
      // Counted per instance, each would still have two free failures left: four more 401s.
      boolean locked = false;
      for (int i = 0; i < 4 && !locked; i++) {
        locked = fail(i % 2 == 0 ? a.api() : b.api(), 10 + i) == 429;
      }
      assertThat(locked).as("the shared count locked the e-mail on both instances").isTrue();
    } finally {
      b.stopKeepingDatabase();
      a.close();
    }
  }

  private static int fail(Api api, int i) {
    return api.post(
            "/api/auth/login", Map.of("email", "shared@example.com", "password", "wrong " + i))
        .status();
  }
}
