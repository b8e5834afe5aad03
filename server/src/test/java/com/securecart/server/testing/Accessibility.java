package com.securecart.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs Deque's axe-core engine on the page a browser shows and returns what it finds against WCAG
 * 2.0, 2.1 and 2.2 levels A and AA. The engine comes from the axe-core jar (see server/pom.xml);
 * this class only injects it and reads its JSON result.
 */
public final class Accessibility {
  private static final String SCRIPT = load();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The rule tags audited: WCAG 2.x, levels A and AA. */
  static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  private Accessibility() {}

  /** One failed rule: its id, impact and the elements (CSS selectors) that fail it. */
  public record Violation(String rule, String impact, String help, List<String> targets) {
    @Override
    public String toString() {
      return impact + " " + rule + " (" + help + ") at " + targets;
    }
  }

  private static String load() {
    try (InputStream in = Accessibility.class.getResourceAsStream("/axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe.min.js is not on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Audits the current page; the violations of the given impacts (e.g. serious, critical). */
  public static List<Violation> audit(WebDriver driver, Set<String> impacts) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(SCRIPT);
    Object raw =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
                + " resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));",
            TAGS);
    String result = String.valueOf(raw);
    if (result.startsWith("error: ")) {
      throw new IllegalStateException("axe-core failed: " + result);
    }
    List<Violation> out = new ArrayList<>();
    try {
      for (JsonNode v : JSON.readTree(result)) {
        String impact = v.path("impact").asText("minor");
        if (!impacts.contains(impact)) {
          continue;
        }
        List<String> targets = new ArrayList<>();
        for (JsonNode node : v.path("nodes")) {
          targets.add(node.path("target").toString());
        }
        out.add(new Violation(v.path("id").asText(), impact, v.path("help").asText(), targets));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
