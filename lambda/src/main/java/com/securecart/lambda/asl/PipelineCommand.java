package com.securecart.lambda.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securecart.app.AppSettings;
import com.securecart.app.Contexts;
import com.securecart.app.DatabaseSettings;
import com.securecart.app.Observers;
import com.securecart.persistence.Database;
import com.securecart.persistence.H2Urls;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * {@code ./securecart pipeline asl|diagram [--arn-prefix P]}: prints the state machine's definition
 * (resolved JSON, no CloudFormation functions) or its Mermaid picture, from the pipeline as {@code
 * app} wires it. No database is needed: the pool connects only when used, and nothing here uses it.
 */
public final class PipelineCommand {
  private static final String USAGE =
      "usage: ./securecart pipeline asl|diagram [--arn-prefix arn:aws:lambda:REGION:ACCOUNT:function:]";

  private PipelineCommand() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    String what = args.getFirst();
    String arnPrefix = null;
    for (int i = 1; i < args.size(); i++) {
      if (args.get(i).equals("--arn-prefix") && i + 1 < args.size()) {
        arnPrefix = args.get(++i);
      } else if (args.get(i).equals("--arn-prefix")) {
        err.println("securecart pipeline: --arn-prefix needs a value\n" + USAGE);
        return 2;
      } else {
        err.println("securecart pipeline: unknown argument '" + args.get(i) + "'\n" + USAGE);
        return 2;
      }
    }
    if (arnPrefix == null && what.equals("asl")) {
      // The definition is the deployment's; only the functions' account and region are examples.
      err.println(
          "securecart pipeline: no --arn-prefix, so the functions' ARNs use the example account: "
              + StateMachineDefinition.DEFAULT_ARN_PREFIX);
    }
    if (arnPrefix == null) {
      arnPrefix = StateMachineDefinition.DEFAULT_ARN_PREFIX;
    }
    switch (what) {
      case "asl" -> out.print(StateMachineDefinition.json(definition(arnPrefix)) + "\n");
      case "diagram" -> out.print(MermaidDiagram.of(definition(arnPrefix)));
      default -> {
        err.println("securecart pipeline: unknown command '" + what + "'\n" + USAGE);
        return 2;
      }
    }
    out.flush();
    return 0;
  }

  /** The definition of the pipeline that {@code Contexts.wire} builds with the default settings. */
  public static ObjectNode definition(String arnPrefix) {
    String url = H2Urls.memory("asl");
    try (Database database = Database.readOnly(url, null, null, 2);
        Contexts contexts =
            Contexts.wire(
                AppSettings.defaults(new DatabaseSettings(url, null, null, 2)),
                database,
                Clock.systemUTC(),
                Observers.none())) {
      return StateMachineDefinition.of(contexts.pipeline(), arnPrefix);
    }
  }
}
