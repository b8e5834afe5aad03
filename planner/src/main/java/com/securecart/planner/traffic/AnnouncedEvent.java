package com.securecart.planner.traffic;

/**
 * A traffic event known in advance (a flash sale), seconds from the profile's start, end exclusive:
 * what a scheduled scaling action is set from. {@code multiplier} is the traffic at its plateau
 * against normal traffic at that time.
 */
public record AnnouncedEvent(String name, int startSecond, int endSecond, double multiplier) {
  public AnnouncedEvent {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an announced event needs a name");
    }
    if (startSecond < 0 || endSecond <= startSecond) {
      throw new IllegalArgumentException(
          name + ": needs 0 <= start < end, got start " + startSecond + " end " + endSecond);
    }
    if (!(multiplier > 0)) {
      throw new IllegalArgumentException(name + ": multiplier must be positive, got " + multiplier);
    }
  }
}
