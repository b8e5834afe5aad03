package com.securecart.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.securecart.app.Contexts;
import com.securecart.app.Observers;
import com.securecart.app.SearchParts;
import com.securecart.persistence.Database;
import com.securecart.persistence.H2Urls;
import com.securecart.server.ServerRoutes;
import com.securecart.server.batch.NightlyJob;
import com.securecart.server.config.Config;
import com.securecart.server.metrics.Metrics;
import com.securecart.server.recommendations.Recommender;
import com.securecart.server.testing.TestConfigs;
import com.securecart.server.tracing.Tracing;
import com.securecart.shared.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps openapi.yaml true to the server: the document names exactly the routes that SecureCart
 * registers (both directions), and it is well-formed enough to be used (3.1, responses everywhere,
 * no dangling references).
 */
class OpenApiContractTest {
  private static final String DB_URL = H2Urls.memory("openapi-contract");
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Pattern REF = Pattern.compile("#/components/([^/]+)/([^/]+)");
  private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{([^}/]+)}");

  private static List<RouteTable.Route> routes;
  private static JsonNode document;

  @BeforeAll
  static void setUp() throws IOException {
    document = readDocument();
    routes = registeredRoutes();
  }

  /**
   * The routes an instance with every role registers, read from its route table: built from the
   * wired contexts without a listener, a migrated database or a search index (the handlers are
   * never called here). The read-only pool connects only when used, so nothing connects.
   */
  private static List<RouteTable.Route> registeredRoutes() {
    Config config = TestConfigs.forTests(DB_URL);
    Clock clock = Clock.systemUTC();
    try (Database database = Database.readOnly(DB_URL, null, null, 2);
        Contexts contexts = Contexts.wire(config.app(), database, clock, Observers.none());
        Metrics metrics = new Metrics(clock);
        Tracing tracing = new Tracing(List.of())) {
      NightlyJob nightly = new NightlyJob(contexts.nightly(), () -> {}, clock);
      SearchParts search = SearchParts.wire(null, contexts, clock);
      ServerRoutes routes =
          new ServerRoutes(
              config,
              contexts,
              new ServerRoutes.Parts(
                  metrics,
                  tracing,
                  nightly,
                  search.api(),
                  clock,
                  Recommender.local(contexts.recommendations())),
              () -> false);
      // Helidon records each service's routes when the routing is built, as the server does.
      routes.routing().build();
      return routes.routes();
    }
  }

  @Test
  void documentsExactlyTheRoutesTheServerRegisters() {
    Set<String> registered =
        routes.stream()
            .map(r -> r.method() + " " + r.path())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> documented = new TreeSet<>();
    operations().forEach(op -> documented.add(op.name()));

    Set<String> undocumented = new TreeSet<>(registered);
    undocumented.removeAll(documented);
    Set<String> unserved = new TreeSet<>(documented);
    unserved.removeAll(registered);

    assertThat(registered).as("registered routes").isNotEmpty();
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(undocumented)
              .as("routes SecureCart registers but openapi.yaml does not document")
              .isEmpty();
          softly
              .assertThat(unserved)
              .as("routes openapi.yaml documents but SecureCart does not register")
              .isEmpty();
        });
  }

  @Test
  void documentsExactlyTheProblemTypesTheCodeCanAnswerWith() {
    Set<String> inCode =
        Arrays.stream(ProblemType.values())
            .map(ProblemType::slug)
            .collect(Collectors.toCollection(TreeSet::new));
    JsonNode list =
        document
            .path("components")
            .path("schemas")
            .path("Problem")
            .path("properties")
            .path("type")
            .path("x-problem-types");
    assertThat(list.isObject()).as("Problem.type's x-problem-types in openapi.yaml").isTrue();
    Set<String> documented = new TreeSet<>();
    list.fieldNames().forEachRemaining(documented::add);

    Set<String> undocumented = new TreeSet<>(inCode);
    undocumented.removeAll(documented);
    Set<String> unknown = new TreeSet<>(documented);
    unknown.removeAll(inCode);
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(undocumented)
              .as("ProblemType constants that openapi.yaml's x-problem-types does not document")
              .isEmpty();
          softly
              .assertThat(unknown)
              .as("problem types openapi.yaml documents that ProblemType does not have")
              .isEmpty();
        });
  }

  @Test
  void isOpenApi31() {
    JsonNode version = document.path("openapi");
    assertThat(version.isTextual()).as("`openapi` is a string").isTrue();
    assertThat(version.asText()).as("`openapi`").startsWith("3.1");
  }

  @Test
  void everyOperationHasAResponse() {
    List<String> withoutResponses = new ArrayList<>();
    for (Operation op : operations()) {
      JsonNode responses = op.node().path("responses");
      if (!responses.isObject() || responses.isEmpty()) {
        withoutResponses.add(op.name());
      }
    }
    assertThat(withoutResponses).as("operations without any response").isEmpty();
  }

  @Test
  void everyPathVariableIsDeclaredAsAPathParameter() {
    List<String> undeclared = new ArrayList<>();
    for (Operation op : operations()) {
      Set<String> declared = new TreeSet<>();
      List<JsonNode> parameters = new ArrayList<>();
      document.path("paths").path(op.path()).path("parameters").forEach(parameters::add);
      op.node().path("parameters").forEach(parameters::add);
      for (JsonNode parameter : parameters) {
        JsonNode resolved = resolve(parameter);
        if ("path".equals(resolved.path("in").asText())) {
          declared.add(resolved.path("name").asText());
        }
      }
      Matcher variables = TEMPLATE_VARIABLE.matcher(op.path());
      while (variables.find()) {
        if (!declared.contains(variables.group(1))) {
          undeclared.add(op.name() + " {" + variables.group(1) + "}");
        }
      }
    }
    assertThat(undeclared).as("path variables without an `in: path` parameter").isEmpty();
  }

  @Test
  void everyRefResolvesToAComponent() {
    List<String> dangling = new ArrayList<>();
    collectDanglingRefs(document, "#", dangling);
    assertThat(dangling).as("$refs that name no entry under components").isEmpty();
  }

  private static void collectDanglingRefs(JsonNode node, String location, List<String> dangling) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && !refResolves(ref)) {
        dangling.add(location + "/$ref: " + ref);
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        collectDanglingRefs(field.getValue(), location + "/" + field.getKey(), dangling);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectDanglingRefs(node.get(i), location + "/" + i, dangling);
      }
    }
  }

  private static boolean refResolves(JsonNode ref) {
    if (!ref.isTextual()) {
      return false;
    }
    Matcher m = REF.matcher(ref.asText());
    return m.matches() && document.path("components").path(m.group(1)).has(m.group(2));
  }

  /** A parameter, or the component a parameter {@code $ref} names. */
  private static JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    if (ref == null) {
      return node;
    }
    Matcher m = REF.matcher(ref.asText());
    return m.matches() ? document.path("components").path(m.group(1)).path(m.group(2)) : node;
  }

  /** An operation of the document: its HTTP method (upper case), path template and definition. */
  private record Operation(String method, String path, JsonNode node) {
    String name() {
      return method + " " + path;
    }
  }

  private static List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
        if (HTTP_METHODS.contains(entry.getKey())) {
          operations.add(
              new Operation(
                  entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), entry.getValue()));
        }
      }
    }
    return operations;
  }

  private static JsonNode readDocument() throws IOException {
    // Duplicate keys would silently hide a path or an operation; refuse them.
    YAMLMapper yaml =
        YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.yaml")) {
      assertThat(in).as("openapi.yaml on the classpath").isNotNull();
      return yaml.readTree(in);
    }
  }
}
