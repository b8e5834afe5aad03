package com.securecart.changes;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/** Port to the change log. {@link #append} must be called inside the transaction of the change. */
public interface ChangeLog {
  void append(Change.Kind kind, String ref);

  /** Changes with an id above {@code cursor}, oldest first. */
  List<Change> since(long cursor, int limit);

  /** The highest id written so far, 0 if none. */
  long headId();

  /** The lowest id still kept; empty when the log is empty. */
  OptionalLong oldestId();

  int purgeBefore(Instant before);
}
