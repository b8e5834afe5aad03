package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.app.Contexts;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A function's pool: small unless the function's configuration says otherwise. */
class LambdaWiringIT {

  @Test
  void aFunctionThatSetsNoPoolSizeGetsTwoConnectionsAtMost() {
    assertThat(maximumPoolSize(Map.of("SECURECART_DB_URL", TestDatabases.freshUrl(Engine.H2))))
        .isEqualTo(2);
  }

  @Test
  void aFunctionsOwnPoolSizeWins() {
    assertThat(
            maximumPoolSize(
                Map.of(
                    "SECURECART_DB_URL",
                    TestDatabases.freshUrl(Engine.H2),
                    "SECURECART_DB_POOL_SIZE",
                    "5")))
        .isEqualTo(5);
  }

  private static int maximumPoolSize(Map<String, String> env) {
    Contexts contexts = LambdaWiring.wire(env);
    try {
      return ((HikariDataSource) contexts.database().dataSource()).getMaximumPoolSize();
    } finally {
      contexts.close();
      contexts.database().close();
    }
  }
}
