package com.securecart.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rendered aws overlay of ops/k8s (multi-document YAML, the one source of the cluster's
 * objects), read at synth and filled in for this deployment: what the overlay cannot know is a
 * {@code CDK_*} token in a string value (ops/k8s/README.md, "Placeholders"), replaced here from the
 * values the stack supplies. A token the stack has no value for fails the synth, naming it and
 * where it is; so nothing unfilled reaches the cluster. The stack also owns each NodePool's CPU
 * ceiling. Whatever else the file holds is applied as it is.
 */
public final class Manifests {
  static final String DISCOVERY_TAG = "karpenter.sh/discovery";

  static final Pattern TOKEN = Pattern.compile("CDK_[A-Z0-9_]+");

  private static final ObjectMapper YAML = new YAMLMapper();

  /**
   * What the stack fills in.
   *
   * @param tokens each CDK_* token's value; a null value is a token the stack cannot fill
   * @param nodePoolCpuLimits NodePool name to its spec.limits.cpu; every NodePool needs one
   */
  public record Patches(Map<String, String> tokens, Map<String, Integer> nodePoolCpuLimits) {}

  /** A ServiceAccount of the file. */
  public record Account(String namespace, String name) {}

  private final List<ObjectNode> objects;

  private Manifests(List<ObjectNode> objects) {
    this.objects = objects;
  }

  /** Every object of a multi-document YAML file, in file order. */
  public static Manifests read(String file) {
    List<ObjectNode> objects = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(Path.of(file).toFile())) {
      for (var docs = YAML.readValues(parser, JsonNode.class); docs.hasNextValue(); ) {
        JsonNode doc = docs.nextValue();
        if (doc instanceof ObjectNode object && object.hasNonNull("kind")) {
          objects.add(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("eks.manifests: cannot read " + file, e);
    }
    if (objects.isEmpty()) {
      throw new IllegalArgumentException("eks.manifests: no Kubernetes object in " + file);
    }
    return new Manifests(objects);
  }

  /** A copy with the deployment's values in place of the tokens. */
  public Manifests patched(Patches p) {
    List<ObjectNode> out = new ArrayList<>();
    Set<String> pools = new HashSet<>();
    for (ObjectNode original : objects) {
      ObjectNode o = (ObjectNode) replaced(original, kind(original) + "/" + name(original), p);
      if (kind(o).equals("NodePool")) {
        Integer cpu = p.nodePoolCpuLimits().get(name(o));
        if (cpu == null) {
          throw new IllegalArgumentException(
              "settings: eks.nodePoolCpuLimits has no ceiling for NodePool " + name(o));
        }
        ObjectNode spec = (ObjectNode) o.path("spec");
        // Only the CPU ceiling is the stack's; a memory or GPU limit the overlay sets stays.
        (spec.path("limits") instanceof ObjectNode limits ? limits : spec.putObject("limits"))
            .put("cpu", cpu.toString());
        pools.add(name(o));
      }
      out.add(o);
    }
    Set<String> unknown = new HashSet<>(p.nodePoolCpuLimits().keySet());
    unknown.removeAll(pools);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "settings: eks.nodePoolCpuLimits names no NodePool of the manifests: " + unknown);
    }
    return new Manifests(out);
  }

  /** The Namespaces: applied before everything else. */
  public List<Map<String, Object>> namespaces() {
    return maps(true);
  }

  /** Every other object, in file order. */
  public List<Map<String, Object>> others() {
    return maps(false);
  }

  /** The object of a kind and name, or null. */
  public JsonNode find(String kind, String name) {
    return objects.stream()
        .filter(o -> kind(o).equals(kind) && name(o).equals(name))
        .findFirst()
        .orElse(null);
  }

  public List<Account> serviceAccounts() {
    return objects.stream()
        .filter(o -> kind(o).equals("ServiceAccount"))
        .map(o -> new Account(o.path("metadata").path("namespace").asText("default"), name(o)))
        .toList();
  }

  private List<Map<String, Object>> maps(boolean namespaces) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ObjectNode o : objects) {
      if (kind(o).equals("Namespace") == namespaces) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = YAML.convertValue(o, Map.class);
        out.add(map);
      }
    }
    return out;
  }

  /** A copy of the node with every token in its strings replaced; path says where, for errors. */
  private static JsonNode replaced(JsonNode node, String path, Patches p) {
    if (node.isTextual()) {
      Matcher m = TOKEN.matcher(node.asText());
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        if (!p.tokens().containsKey(m.group())) {
          throw new IllegalArgumentException(
              "eks.manifests: unknown token " + m.group() + " at " + path);
        }
        String value = p.tokens().get(m.group());
        if (value == null) {
          throw new IllegalArgumentException(
              "eks.manifests: the stack has no value for " + m.group() + " at " + path);
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      return TextNode.valueOf(m.appendTail(out).toString());
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      object
          .properties()
          .forEach(e -> copy.set(e.getKey(), replaced(e.getValue(), path + "." + e.getKey(), p)));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      for (int i = 0; i < array.size(); i++) {
        copy.add(replaced(array.get(i), path + "[" + i + "]", p));
      }
      return copy;
    }
    return node.deepCopy();
  }

  private static String kind(JsonNode o) {
    return o.path("kind").asText();
  }

  private static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }
}
