package com.securecart.shared;

/** A validated page request: page from 0, size 1 to 100. */
public record PageRequest(int page, int size) {
  static final int MAX_SIZE = 100;

  public PageRequest {
    Check.range("page", page, 0, 100_000);
    Check.range("size", size, 1, MAX_SIZE);
  }

  public long offset() {
    return (long) page * size;
  }
}
