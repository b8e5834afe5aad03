package com.securecart.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.shared.ProblemType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * HAProxy sends {@code ops/haproxy/503.http} byte for byte when it sheds: it must frame itself (a
 * Content-Length that matches the body) and leave the connection open, or every shed request costs
 * the client a new TCP connection, which at three times the peak halved the goodput (issue 18), and
 * it must be the same problem an instance sends when it sheds.
 */
class LoadBalancerErrorFileTest {
  private static final Path FILE = Path.of("..", "ops", "haproxy", "503.http");

  @Test
  void theLoadBalancersShedAnswerIsAKeptAliveOverloadedProblem() throws Exception {
    byte[] raw = Files.readAllBytes(FILE);
    String text = new String(raw, StandardCharsets.UTF_8);
    // The file is kept byte for byte (.gitattributes: -text); a CRLF checkout would fail here.
    assertThat(text).as("LF line ends, as HAProxy's examples").doesNotContain("\r");
    int split = text.indexOf("\n\n");
    assertThat(split).as("a blank line between headers and body").isPositive();
    String[] head = text.substring(0, split).split("\n");
    byte[] body = text.substring(split + 2).getBytes(StandardCharsets.UTF_8);

    assertThat(head[0]).isEqualTo("HTTP/1.1 503 Service Unavailable");
    Map<String, String> headers = new TreeMap<>();
    for (String line : Arrays.copyOfRange(head, 1, head.length)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    assertThat(headers)
        .containsEntry("content-type", Problems.CONTENT_TYPE)
        .containsEntry("content-length", String.valueOf(body.length))
        .containsKey("retry-after")
        .doesNotContainKey("connection");

    ObjectMapper json = new ObjectMapper();
    JsonNode problem = json.readTree(body);
    assertThat(problem.path("type").asText()).isEqualTo(Problems.uri(ProblemType.OVERLOADED));
    assertThat(problem)
        .as("the document an instance sends when it sheds")
        .isEqualTo(json.readTree(new Problems(new JsonCodec()).overloadedDocument()));
  }
}
