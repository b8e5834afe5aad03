package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.persistence.DbCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A function reads the database secret like every other tier, in the function's own region. */
class LambdaWiringTest {
  @Test
  void aSecretsNameTakesTheFunctionsRegionUnlessOneIsSet() {
    Map<String, String> env =
        Map.of(
            "SECURECART_DB_URL", "jdbc:postgresql://db.internal/securecart",
            "SECURECART_DB_SECRET_ARN", "securecart/db",
            "AWS_REGION", "eu-west-1");

    assertThat(LambdaWiring.read(env).database().credentials())
        .isEqualTo(new DbCredentials.FromSecret("securecart/db", "eu-west-1", null));

    Map<String, String> withRegion = new java.util.HashMap<>(env);
    withRegion.put("SECURECART_AWS_REGION", "us-east-2");
    assertThat(LambdaWiring.read(withRegion).database().credentials())
        .isEqualTo(new DbCredentials.FromSecret("securecart/db", "us-east-2", null));
  }
}
