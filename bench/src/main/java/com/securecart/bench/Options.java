package com.securecart.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The command line of a bench driver: {@code --name value} pairs and {@code --flag}s, each declared
 * with its default, read back through typed getters that check ranges. An unknown option, a missing
 * or malformed value, or a missing required option is a {@link UsageException}; {@link
 * #orExit(Supplier)} turns it into a message, a usage line and exit status 2. A few dozen lines of
 * our own rather than a library: the drivers are started by scripts that already validate what a
 * user types, and need no help texts, sub-commands or annotations.
 */
final class Options {
  /** A command line the driver cannot run with. */
  static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }

  private final String program;
  private final Map<String, String> defaults = new LinkedHashMap<>();
  private final Set<String> flags = new LinkedHashSet<>();
  private final Map<String, String> values = new LinkedHashMap<>();

  private Options(String program) {
    this.program = program;
  }

  /** The options of {@code program} (the name its messages start with). */
  static Options of(String program) {
    return new Options(program);
  }

  /** An option taking a value; {@code defaultValue} null makes it required (or optional, below). */
  Options option(String name, String defaultValue) {
    defaults.put(name, defaultValue);
    return this;
  }

  /** An option without a value: true when given. */
  Options flag(String name) {
    flags.add(name);
    return this;
  }

  /** Reads {@code args}; throws {@link UsageException} for an unknown option or missing value. */
  Options parse(String[] args) {
    values.clear();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (flags.contains(name)) {
        values.put(name, "true");
      } else if (!defaults.containsKey(name)) {
        throw new UsageException("unknown option '" + name + "'");
      } else if (i + 1 >= args.length) {
        throw new UsageException(name + " needs a value");
      } else {
        values.put(name, args[++i]);
      }
    }
    return this;
  }

  /** The value given or its default; a {@link UsageException} if neither. */
  String string(String name) {
    return optional(name).orElseThrow(() -> new UsageException(name + " is required"));
  }

  /** The value given or its default, if any. */
  Optional<String> optional(String name) {
    if (!defaults.containsKey(name)) {
      throw new IllegalStateException("undeclared option " + name);
    }
    return Optional.ofNullable(values.getOrDefault(name, defaults.get(name)));
  }

  int integer(String name, int min, int max) {
    return Math.toIntExact(whole(name, min, max));
  }

  long whole(String name, long min, long max) {
    return checked(name, parseWhole(name, string(name)), min, max);
  }

  /** A comma-separated list of whole numbers, each within min..max. */
  List<Long> wholes(String name, long min, long max) {
    List<Long> list = new ArrayList<>();
    for (String part : string(name).split(",", -1)) {
      list.add(checked(name, parseWhole(name, part.strip()), min, max));
    }
    return list;
  }

  /** A flag, or an option whose value is true or false. */
  boolean bool(String name) {
    if (flags.contains(name)) {
      return values.containsKey(name);
    }
    String value = string(name);
    if (!value.equals("true") && !value.equals("false")) {
      throw new UsageException(name + " must be true or false, got '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  Path path(String name) {
    return Path.of(string(name));
  }

  URI uri(String name) {
    try {
      URI uri = new URI(string(name));
      if (uri.getHost() == null) {
        throw new UsageException(name + " must be a URL like http://127.0.0.1:8080/");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new UsageException(name + " is not a URL: " + e.getMessage());
    }
  }

  /** A URL of this machine's loopback: the drivers load only the local server. */
  URI loopback(String name) {
    URI uri = uri(name);
    if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
      throw new UsageException(name + " must point at 127.0.0.1 or localhost");
    }
    return uri;
  }

  /** One line: every option with its default, required ones without brackets. */
  String usage() {
    StringBuilder line = new StringBuilder("usage: ").append(program);
    defaults.forEach(
        (name, value) ->
            line.append(value == null ? " " + name + " VALUE" : " [" + name + " " + value + "]"));
    flags.forEach(name -> line.append(" [").append(name).append(']'));
    return line.toString();
  }

  /**
   * Runs {@code read} (which parses and reads the options); on a {@link UsageException} prints it
   * with the usage line to stderr and exits with status 2.
   */
  <T> T orExit(Supplier<T> read) {
    try {
      return read.get();
    } catch (UsageException e) {
      throw exit(e);
    }
  }

  /**
   * Prints {@code e} with the usage line to stderr and exits with status 2; returns (never) an
   * exception for the caller to throw, so that the compiler sees the branch end.
   */
  UsageException exit(UsageException e) {
    System.err.println(program + ": " + e.getMessage());
    System.err.println(usage());
    System.exit(2);
    return e;
  }

  private static long parseWhole(String name, String value) {
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a whole number, got '" + value + "'");
    }
  }

  private static long checked(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new UsageException(name + " must be " + min + " to " + max + ", got " + value);
    }
    return value;
  }
}
