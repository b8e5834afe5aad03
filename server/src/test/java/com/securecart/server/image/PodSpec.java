package com.securecart.server.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rendered Kubernetes overlay (ops/k8s, {@code kubectl kustomize}) tells the kubelet about
 * one Deployment's container: its environment (literal values and the ConfigMaps it takes whole;
 * Secrets are the caller's, as a cluster's would be), its user, whether its root filesystem is
 * read-only, the paths its emptyDir volumes are mounted on, its readiness probe and how long it has
 * to stop after SIGTERM.
 */
record PodSpec(
    Map<String, String> env,
    List<String> secretRefs,
    List<String> args,
    String user,
    boolean readOnlyRoot,
    List<String> writablePaths,
    String readinessPath,
    int terminationGraceSeconds) {

  static PodSpec of(Path rendered, String deployment) throws IOException {
    ObjectMapper yaml = new YAMLMapper();
    List<JsonNode> objects = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(rendered.toFile())) {
      yaml.readValues(parser, JsonNode.class).forEachRemaining(objects::add);
    }
    JsonNode pod =
        find(objects, "Deployment", deployment).path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);
    Map<String, String> env = new LinkedHashMap<>();
    List<String> secrets = new ArrayList<>();
    // envFrom first, then env: an explicit variable wins, as in Kubernetes.
    for (JsonNode from : container.path("envFrom")) {
      if (from.has("configMapRef")) {
        String name = from.get("configMapRef").get("name").asText();
        find(objects, "ConfigMap", name)
            .path("data")
            .properties()
            .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
      } else if (from.has("secretRef")) {
        secrets.add(from.get("secretRef").get("name").asText());
      }
    }
    for (JsonNode variable : container.path("env")) {
      if (variable.has("value")) {
        env.put(variable.get("name").asText(), variable.get("value").asText());
      }
    }
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    JsonNode podContext = pod.path("securityContext");
    JsonNode context = container.path("securityContext");
    String user =
        context.path("runAsUser").asText(podContext.path("runAsUser").asText())
            + ":"
            + context.path("runAsGroup").asText(podContext.path("runAsGroup").asText());
    List<String> emptyDirs = new ArrayList<>();
    for (JsonNode volume : pod.path("volumes")) {
      if (volume.has("emptyDir")) {
        emptyDirs.add(volume.path("name").asText());
      }
    }
    List<String> writable = new ArrayList<>();
    for (JsonNode mount : container.path("volumeMounts")) {
      if (emptyDirs.contains(mount.get("name").asText())) {
        writable.add(mount.get("mountPath").asText());
      }
    }
    return new PodSpec(
        env,
        secrets,
        args,
        user,
        context.path("readOnlyRootFilesystem").asBoolean(false),
        writable,
        container.path("readinessProbe").path("httpGet").path("path").asText(null),
        // Kubernetes' default when the manifest sets none.
        pod.path("terminationGracePeriodSeconds").asInt(30));
  }

  private static JsonNode find(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.path("kind").asText()))
        .filter(o -> name.equals(o.path("metadata").path("name").asText()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the render has no " + kind + " " + name));
  }
}
