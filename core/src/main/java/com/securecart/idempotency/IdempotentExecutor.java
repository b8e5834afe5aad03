package com.securecart.idempotency;

import com.securecart.shared.ClaimHeartbeat;
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
    // Microseconds, as the database stores them: the claim is compared by this instant.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    // On its own, committed at once, so that a concurrent request with the same key sees it.
    boolean claimed =
        repository.tryInsert(scope, key.digest(), fingerprint, now, now.plus(retention));
    if (!claimed) {
      Optional<Result> replay = replayOrRefuse(scope, key, fingerprint, now);
      if (replay.isPresent()) {
        return replay.get();
      }
    }
    try (ClaimHeartbeat heartbeat = heartbeat(scope, key, now)) {
      return new Result(
          shared.inTransaction(
              batchKey,
              () -> {
                StoredResponse response = action.get();
                if (!repository.complete(scope, key.digest(), now, response)) {
                  // Taken over while we ran (we were slower than the lease): our writes roll back,
                  // the caller that took over owns the outcome.
                  throw new ClaimLost();
                }
                return response;
              }),
          false);
    } catch (ClaimLost e) {
      throw inFlight();
    } catch (DomainException e) {
      StoredResponse response = rejection.apply(e);
      if (!transactions.inTransaction(
          () -> repository.complete(scope, key.digest(), now, response))) {
        throw inFlight();
      }
      return new Result(response, false);
    } catch (RuntimeException e) {
      transactions.run(() -> repository.release(scope, key.digest(), now));
      throw e;
    }
  }

  /**
   * Renews the claim taken at {@code claimedAt} every quarter lease while the action runs: a live
   * owner's claim never looks stale, however long its work takes, so the lease can be short (a
   * crashed owner's key is free again within one lease) without a slow owner losing its key.
   */
  private ClaimHeartbeat heartbeat(String scope, IdempotencyKey key, Instant claimedAt) {
    return ClaimHeartbeat.start(
        "idempotency",
        inFlightLease.dividedBy(4),
        // One statement on a connection of its own, outside the action's transaction (another
        // thread). At most it waits for the row lock of the action's own complete() until that
        // commits, and then finds the claim answered; the action never waits for it.
        () ->
            repository.renew(
                scope, key.digest(), claimedAt, clock.instant().truncatedTo(ChronoUnit.MICROS)));
  }

  /** This caller's claim on a key was taken over by another caller before it completed. */
  private static final class ClaimLost extends RuntimeException {
    ClaimLost() {
      super("idempotency claim taken over", null, false, false);
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
    boolean takenOver =
        transactions.inTransaction(
            () -> repository.reclaim(scope, key.digest(), now.minus(inFlightLease), now));
    if (!takenOver) {
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
