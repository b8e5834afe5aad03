package com.securecart.recommendations;

import java.util.Arrays;

/**
 * The {@code k} highest-scoring items offered, kept in a min-heap of that size; ties go to the
 * lower item number so that results do not depend on the order items were offered in.
 */
final class TopK {
  private final int[] items;
  private final float[] scores;
  private int size;

  TopK(int k) {
    items = new int[k];
    scores = new float[k];
  }

  void offer(int item, float score) {
    if (size < items.length) {
      items[size] = item;
      scores[size] = score;
      up(size++);
    } else if (size > 0 && better(item, score, items[0], scores[0])) {
      items[0] = item;
      scores[0] = score;
      down(0);
    }
  }

  /** The items, best first. */
  int[] items() {
    Integer[] order = order();
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = items[order[i]];
    }
    return out;
  }

  /** The scores, in the order of {@link #items()}. */
  float[] scores() {
    Integer[] order = order();
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      out[i] = scores[order[i]];
    }
    return out;
  }

  private Integer[] order() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> better(items[a], scores[a], items[b], scores[b]) ? -1 : 1);
    return order;
  }

  private static boolean better(int item, float score, int other, float otherScore) {
    return score > otherScore || (score == otherScore && item < other);
  }

  private void up(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!better(items[parent], scores[parent], items[i], scores[i])) {
        break;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void down(int i) {
    while (true) {
      int left = 2 * i + 1;
      int worst = i;
      if (left < size && better(items[worst], scores[worst], items[left], scores[left])) {
        worst = left;
      }
      int right = left + 1;
      if (right < size && better(items[worst], scores[worst], items[right], scores[right])) {
        worst = right;
      }
      if (worst == i) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    int item = items[a];
    items[a] = items[b];
    items[b] = item;
    float score = scores[a];
    scores[a] = scores[b];
    scores[b] = score;
  }
}
