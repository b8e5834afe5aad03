package com.securecart.idempotency;

import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;
import com.securecart.shared.SharedTransactions;
import com.securecart.shared.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a request at most once per key. The action's writes and the stored response commit together,
 * so a response is stored exactly when the action's effects are; an unexpected error stores nothing
 * and frees the key.
 */
public final class IdempotentExecutor {
  private final IdempotencyRepository repository;
  private final Transactions transactions;
  private final SharedTransactions shared;
  private final Clock clock;
  private final Duration retention;
  private final Duration inFlightLease;

  public IdempotentExecutor(
      IdempotencyRepository repository,
      Transactions transactions,
      Clock clock,
      Duration retention,
      Duration inFlightLease) {
    this(
        repository,
        transactions,
        SharedTransactions.direct(transactions),
        clock,
        retention,
        inFlightLease);
  }

  /**
   * With {@code shared}, actions given a batch key may commit together with concurrent actions of
   * the same key (hot-SKU checkouts, docs/adr/0012); each still stores its own response atomically
   * with its own effects.
   */
  public IdempotentExecutor(
      IdempotencyRepository repository,
      Transactions transactions,
      SharedTransactions shared,
      Clock clock,
      Duration retention,
      Duration inFlightLease) {
    this.repository = repository;
    this.transactions = transactions;
    this.shared = shared;
    this.clock = clock;
    this.retention = retention;
    this.inFlightLease = inFlightLease;
  }

  /** The response, and whether it is a replay of an earlier one. */
  public record Result(StoredResponse response, boolean replayed) {}

  public Result execute(
      String scope,
      IdempotencyKey key,
      String fingerprint,
      Supplier<StoredResponse> action,
      Function<DomainException, StoredResponse> rejection) {
    return execute(scope, key, fingerprint, () -> null, action, rejection);
  }

  /**
   * As {@link #execute(String, IdempotencyKey, String, Supplier, Function)}, the action's
   * transaction possibly shared with concurrent actions of the same {@code batchKey} (null: its
   * own).
   */
  public Result execute(
      String scope,
      IdempotencyKey key,
      String fingerprint,
      Supplier<String> batchKey,
      Supplier<StoredResponse> action,
      Function<DomainException, StoredResponse> rejection) {
    // At most twice: a second time only after a key left in flight by an earlier version was found
    // stale and freed.
    for (int round = 0; ; round++) {
      // Microseconds, as the database stores them: the claim is compared by this instant.
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      try {
        return new Result(claimRunAndStore(scope, key, fingerprint, now, batchKey, action), false);
      } catch (KeyTaken e) {
        Optional<Result> replay = replayOrRefuse(scope, key, fingerprint, now);
        if (replay.isPresent()) {
          return replay.get();
        }
        if (round > 0) {
          throw inFlight();
        }
      } catch (DomainException e) {
        // The action's transaction rolled back, the claim with it: store the rejection on its own.
        StoredResponse response = rejection.apply(e);
        boolean stored =
            transactions.inTransaction(
                () ->
                    repository.tryInsert(scope, key.digest(), fingerprint, now, now.plus(retention))
                        && repository.complete(scope, key.digest(), now, response));
        if (stored) {
          return new Result(response, false);
        }
        // A concurrent request with the key committed first: answer what it answered.
        return replayOrRefuse(scope, key, fingerprint, now)
            .orElseThrow(IdempotentExecutor::inFlight);
      }
    }
  }

  /**
   * One transaction (issue 18): claim the key, run the action, store its response. A concurrent
   * request with the same key waits on the uncommitted claim (the key's primary key), then finds it
   * answered and replays it; a crash or an error rolls the claim back with the action's writes, so
   * the key is free at once, with no lease to wait out.
   */
  private StoredResponse claimRunAndStore(
      String scope,
      IdempotencyKey key,
      String fingerprint,
      Instant now,
      Supplier<String> batchKey,
      Supplier<StoredResponse> action) {
    return shared.inTransaction(
        batchKey,
        () -> {
          if (!repository.tryInsert(scope, key.digest(), fingerprint, now, now.plus(retention))) {
            throw new KeyTaken();
          }
          StoredResponse response = action.get();
          if (!repository.complete(scope, key.digest(), now, response)) {
            throw new IllegalStateException(
                "an idempotency claim taken in this transaction was lost");
          }
          return response;
        });
  }

  /** The key exists already, committed by another request: nothing of ours was written. */
  private static final class KeyTaken extends RuntimeException {
    KeyTaken() {
      super("idempotency key taken", null, false, false);
    }
  }

  /** Empty when the caller took over a stale in-flight key and should run the action. */
  private Optional<Result> replayOrRefuse(
      String scope, IdempotencyKey key, String fingerprint, Instant now) {
    IdempotencyRecord existing =
        repository.find(scope, key.digest()).orElseThrow(IdempotentExecutor::inFlight);
    if (!existing.fingerprint().equals(fingerprint)) {
      throw DomainException.unprocessable(
          ProblemType.IDEMPOTENCY_KEY_REUSED,
          "Idempotency key reused",
          "This Idempotency-Key was used with a different request");
    }
    if (!existing.inFlight()) {
      return Optional.of(new Result(existing.response(), true));
    }
    // Only an earlier version, which committed its claim before running, leaves a key in flight:
    // once its owner has not renewed it for a lease, free it and let the caller claim it afresh.
    boolean stale =
        transactions.inTransaction(
            () -> {
              if (!repository.reclaim(scope, key.digest(), now.minus(inFlightLease), now)) {
                return false;
              }
              repository.release(scope, key.digest(), now);
              return true;
            });
    if (!stale) {
      throw inFlight();
    }
    return Optional.empty();
  }

  private static DomainException inFlight() {
    // Retry-After: 1 (the HTTP layer sends retryAfter as the header too): the key is either
    // answered or, if its owner died, free again within one short lease.
    return new DomainException(
        DomainException.Kind.CONFLICT,
        ProblemType.IDEMPOTENCY_IN_FLIGHT,
        "Request in progress",
        "A request with this Idempotency-Key is still being processed; retry in a second",
        Map.of("retryAfter", 1));
  }
}
