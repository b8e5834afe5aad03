package com.securecart.jobs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ledger in maps, for tests. */
final class InMemoryJobLedger implements JobLedger {
  private final java.time.Clock clock;
  final Map<String, RunState> runs = new HashMap<>();

  InMemoryJobLedger(java.time.Clock clock) {
    this.clock = clock;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  final Map<String, Map<String, String>> stages = new HashMap<>();

  private static String key(String job, LocalDate day) {
    return job + "/" + day;
  }

  @Override
  public Optional<RunState> find(String job, LocalDate day) {
    return lock(job, day);
  }

  @Override
  public Optional<RunState> lock(String job, LocalDate day) {
    return Optional.ofNullable(runs.get(key(job, day)));
  }

  @Override
  public boolean insert(RunState state) {
    return runs.putIfAbsent(key(state.job(), state.day()), state) == null;
  }

  @Override
  public boolean update(RunState state, int expectedAttempt) {
    RunState current = runs.get(key(state.job(), state.day()));
    if (current == null || current.attempt() != expectedAttempt) {
      return false;
    }
    runs.put(key(state.job(), state.day()), state);
    return true;
  }

  @Override
  public boolean heartbeat(String job, LocalDate day, int attempt) {
    RunState s = runs.get(key(job, day));
    if (s == null || s.attempt() != attempt || s.status() != RunState.Status.RUNNING) {
      return false;
    }
    runs.put(
        key(job, day),
        new RunState(job, day, attempt, s.status(), s.startedAt(), now(), s.finishedAt()));
    return true;
  }

  @Override
  public Map<String, String> finishedStages(String job, LocalDate day) {
    return new LinkedHashMap<>(stages.getOrDefault(key(job, day), Map.of()));
  }

  @Override
  public void stageFinished(String job, LocalDate day, String stage, String summary) {
    stages.computeIfAbsent(key(job, day), k -> new LinkedHashMap<>()).put(stage, summary);
  }

  @Override
  public void clearStages(String job, LocalDate day) {
    stages.remove(key(job, day));
  }

  @Override
  public List<RunState> recent(String job, int limit) {
    List<RunState> out = new ArrayList<>(runs.values());
    out.removeIf(s -> !s.job().equals(job));
    out.sort(Comparator.comparing(RunState::day).reversed());
    return out.subList(0, Math.min(limit, out.size()));
  }
}
