package com.securecart.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.UserData;

/**
 * EC2 user data rendered from a script in {@code src/main/resources/ec2/}: a shebang, the
 * parameters as {@code export NAME='value'} lines (values may be CloudFormation tokens, which the
 * CDK joins in at deploy time), then the script itself. The script reads only its environment, so
 * that a test runs the same file with other values and stub commands.
 */
public final class NodeScript {
  private NodeScript() {}

  /** The script's text as stored (without parameters). */
  public static String text(String name) {
    try (InputStream in = NodeScript.class.getResourceAsStream("/ec2/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no script ec2/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** User data: the script with its parameters exported ahead of it. */
  public static UserData render(String name, Map<String, String> parameters) {
    return UserData.custom(script(name, parameters));
  }

  /** The text of {@link #render}: a shebang, the exports, the script. */
  public static String script(String name, Map<String, String> parameters) {
    StringBuilder out = new StringBuilder("#!/bin/bash\n");
    parameters.forEach(
        (key, value) -> {
          if (!key.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("parameter name: " + key);
          }
          // Literal values must survive single quotes; tokens resolve to ARNs, hosts and URLs.
          if (!Token.isUnresolved(value) && value.contains("'")) {
            throw new IllegalArgumentException(key + " must not contain a single quote");
          }
          out.append("export ").append(key).append("='").append(value).append("'\n");
        });
    return out.append(text(name)).toString();
  }
}
