package com.securecart.testing;

import com.securecart.changes.Change;
import com.securecart.changes.ChangeLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The change log in a list, ids counting up from 1. */
public final class InMemoryChangeLog implements ChangeLog, Snapshottable {
  private final Clock clock;
  private List<Change> changes = new ArrayList<>();
  private long nextId = 1;

  public InMemoryChangeLog(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void append(Change.Kind kind, String ref) {
    changes.add(new Change(nextId++, kind, ref, clock.instant()));
  }

  @Override
  public List<Change> since(long cursor, int limit) {
    return changes.stream().filter(c -> c.id() > cursor).limit(limit).toList();
  }

  @Override
  public long headId() {
    return nextId - 1;
  }

  @Override
  public OptionalLong oldestId() {
    return changes.isEmpty() ? OptionalLong.empty() : OptionalLong.of(changes.get(0).id());
  }

  @Override
  public int purgeBefore(Instant before) {
    int size = changes.size();
    changes.removeIf(c -> c.at().isBefore(before));
    return size - changes.size();
  }

  public List<Change> all() {
    return List.copyOf(changes);
  }

  @Override
  public Runnable snapshot() {
    List<Change> copy = new ArrayList<>(changes);
    long id = nextId;
    return () -> {
      changes = new ArrayList<>(copy);
      nextId = id;
    };
  }
}
