package com.securecart.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The rendered aws overlay of ops/k8s (multi-document YAML, the one source of the cluster's
 * objects), read at synth and patched for this deployment: what the overlay cannot know is left in
 * it as placeholders, filled in here by kind and name. Whatever else the file holds is applied as
 * it is. A patched file that still says {@code placeholder} anywhere fails the synth.
 */
public final class Manifests {
  /** The container image the overlay names; every container that runs it gets the ECR image. */
  static final String IMAGE = "securecart";

  /** The ConfigMap whose keys are the server's SECURECART_* settings. */
  static final String CONFIG_MAP = "securecart-aws";

  static final String DISCOVERY_TAG = "karpenter.sh/discovery";

  private static final ObjectMapper YAML = new YAMLMapper();

  /** What the stack fills in. */
  public record Patches(
      String image,
      Map<String, String> config,
      String nodeRole,
      String discovery,
      Map<String, Integer> nodePoolCpuLimits,
      String queueUrl,
      String region) {}

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

  /** A copy with the deployment's values in place of the placeholders. */
  public Manifests patched(Patches p) {
    List<ObjectNode> out = new ArrayList<>();
    Set<String> pools = new HashSet<>();
    for (ObjectNode original : objects) {
      ObjectNode o = original.deepCopy();
      images(o, p.image());
      switch (kind(o)) {
        case "ConfigMap" -> {
          if (name(o).equals(CONFIG_MAP)) {
            config(o, p.config());
          }
        }
        case "EC2NodeClass" -> {
          ObjectNode spec = (ObjectNode) o.path("spec");
          spec.put("role", p.nodeRole());
          discovery(spec.path("subnetSelectorTerms"), p.discovery());
          discovery(spec.path("securityGroupSelectorTerms"), p.discovery());
        }
        case "NodePool" -> {
          Integer cpu = p.nodePoolCpuLimits().get(name(o));
          if (cpu == null) {
            throw new IllegalArgumentException(
                "settings: eks.nodePoolCpuLimits has no ceiling for NodePool " + name(o));
          }
          ObjectNode spec = (ObjectNode) o.path("spec");
          // Only the CPU ceiling is the stack's; a memory limit the overlay sets stays.
          (spec.path("limits") instanceof ObjectNode limits ? limits : spec.putObject("limits"))
              .put("cpu", cpu.toString());
          pools.add(name(o));
        }
        case "ScaledObject" -> {
          for (JsonNode trigger : o.path("spec").path("triggers")) {
            if (trigger.path("type").asText().equals("aws-sqs-queue")) {
              ((ObjectNode) trigger.path("metadata"))
                  .put("queueURL", p.queueUrl())
                  .put("awsRegion", p.region());
            }
          }
        }
        default -> {}
      }
      String left = placeholder(o, kind(o) + "/" + name(o));
      if (left != null) {
        throw new IllegalArgumentException("eks.manifests: a placeholder is left at " + left);
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

  private static void images(JsonNode node, String image) {
    if (node instanceof ObjectNode object) {
      JsonNode value = object.get("image");
      if (value != null
          && value.isTextual()
          && (value.asText().equals(IMAGE) || value.asText().startsWith(IMAGE + ":"))) {
        object.set("image", TextNode.valueOf(image));
      }
    }
    node.forEach(child -> images(child, image));
  }

  private static void config(ObjectNode configMap, Map<String, String> values) {
    ObjectNode data = (ObjectNode) configMap.path("data");
    List<String> keys = new ArrayList<>();
    data.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      String value = values.get(key);
      if (value == null) {
        throw new IllegalArgumentException(
            "eks.manifests: ConfigMap " + CONFIG_MAP + " has " + key + ", which no stack sets");
      }
      data.put(key, value);
    }
  }

  private static void discovery(JsonNode terms, String value) {
    for (JsonNode term : terms) {
      if (term.path("tags") instanceof ObjectNode tags) {
        tags.fieldNames()
            .forEachRemaining(
                key -> {
                  if (!key.equals(DISCOVERY_TAG)) {
                    throw new IllegalArgumentException(
                        "eks.manifests: an EC2NodeClass selects by tag "
                            + key
                            + "; the stack tags subnets and nodes with "
                            + DISCOVERY_TAG);
                  }
                });
        tags.put(DISCOVERY_TAG, value);
      }
    }
  }

  /** Where a string still says placeholder, or null. */
  private static String placeholder(JsonNode node, String path) {
    if (node.isTextual()) {
      return node.asText().toLowerCase(java.util.Locale.ROOT).contains("placeholder") ? path : null;
    }
    List<String> found = new ArrayList<>();
    if (node.isObject()) {
      node.properties().forEach(e -> found.add(placeholder(e.getValue(), path + "." + e.getKey())));
    }
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      found.add(placeholder(node.get(i), path + "[" + i + "]"));
    }
    return found.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }

  private static String kind(JsonNode o) {
    return o.path("kind").asText();
  }

  private static String name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }
}
