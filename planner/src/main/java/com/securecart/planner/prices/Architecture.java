package com.securecart.planner.prices;

import java.util.Arrays;

/** A CPU architecture, named as Lambda and Fargate name it. */
public enum Architecture {
  ARM64("arm64"),
  X86_64("x86_64");

  private final String id;

  Architecture(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Architecture ofId(String id) {
    return Arrays.stream(values())
        .filter(a -> a.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown architecture '" + id + "'"));
  }
}
