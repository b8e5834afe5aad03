package com.securecart.shared;

import java.util.List;

/** One page of a listing. Pages are numbered from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {
  public Page {
    items = List.copyOf(items);
  }
}
