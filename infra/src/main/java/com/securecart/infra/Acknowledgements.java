package com.securecart.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every cdk-nag finding the app acknowledges, read from a synthesized cloud assembly (the {@code
 * aws:cdk:acknowledged-rules} metadata that {@link Nag#ack} leaves): docs/aws.md carries this table
 * verbatim, and a test keeps the two equal. {@code java ... Acknowledgements DIR}.
 */
public final class Acknowledgements {
  /** One acknowledgement: where, which rule, why. */
  public record Ack(String path, String rule, String reason) {}

  private Acknowledgements() {}

  public static void main(String[] args) {
    System.out.print(table(read(Path.of(args[0]))));
  }

  public static List<Ack> read(Path assembly) {
    List<Ack> acks = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(assembly)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".metadata.json")).toList()) {
        JsonNode metadata = json.readTree(file.toFile());
        metadata
            .properties()
            .forEach(
                e -> {
                  for (JsonNode entry : e.getValue()) {
                    // The CDK acknowledges some of its own CloudFormation-Validate rules; only
                    // the packs' acknowledgements are SecureCart's.
                    if (entry.path("type").asText().equals("aws:cdk:acknowledged-rules")) {
                      entry
                          .path("data")
                          .properties()
                          .forEach(
                              d -> {
                                if (!d.getKey().startsWith("CloudFormation-Validate::")) {
                                  acks.add(
                                      new Ack(
                                          e.getKey().substring(1),
                                          d.getKey(),
                                          d.getValue().asText()));
                                }
                              });
                    }
                  }
                });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acks.sort(Comparator.comparing(Ack::path).thenComparing(Ack::rule));
    return acks;
  }

  /** The Markdown table docs/aws.md carries. */
  public static String table(List<Ack> acks) {
    StringBuilder out = new StringBuilder("| Construct | Rule | Reason |\n|---|---|---|\n");
    for (Ack ack : acks) {
      out.append("| `")
          .append(ack.path())
          .append("` | `")
          .append(ack.rule().replace("|", "\\|"))
          .append("` | ")
          .append(ack.reason().replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }
}
