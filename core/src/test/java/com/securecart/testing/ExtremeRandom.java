package com.securecart.testing;

import java.util.random.RandomGenerator;

/**
 * A "random" generator that always picks the lowest or the highest value of the requested range.
 */
public final class ExtremeRandom implements RandomGenerator {
  private final boolean highest;

  private ExtremeRandom(boolean highest) {
    this.highest = highest;
  }

  public static ExtremeRandom lowest() {
    return new ExtremeRandom(false);
  }

  public static ExtremeRandom highest() {
    return new ExtremeRandom(true);
  }

  @Override
  public long nextLong() {
    return highest ? Long.MAX_VALUE : Long.MIN_VALUE;
  }

  @Override
  public long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive");
    }
    return highest ? bound - 1 : 0;
  }

  @Override
  public long nextLong(long origin, long bound) {
    if (origin >= bound) {
      throw new IllegalArgumentException("origin must be below bound");
    }
    return highest ? bound - 1 : origin;
  }

  @Override
  public int nextInt(int bound) {
    return (int) nextLong(bound);
  }

  @Override
  public double nextDouble() {
    return highest ? Math.nextDown(1.0) : 0.0;
  }
}
