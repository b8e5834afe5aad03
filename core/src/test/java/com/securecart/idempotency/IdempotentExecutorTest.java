package com.securecart.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;
import com.securecart.testing.InMemoryIdempotencyRepository;
import com.securecart.testing.InMemoryTransactions;
import com.securecart.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class IdempotentExecutorTest {
  private static final String SCOPE = "checkout:customer-7";
  private static final IdempotencyKey KEY = new IdempotencyKey("6f1c2a4e-key");
  private static final Duration RETENTION = Duration.ofHours(24);
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final StoredResponse CREATED =
      new StoredResponse(201, "application/json", "{\"order\":1}");

  private final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final InMemoryIdempotencyRepository repository =
      new InMemoryIdempotencyRepository(transactions);
  private final IdempotentExecutor executor =
      new IdempotentExecutor(repository, transactions, clock, RETENTION, LEASE);

  private final AtomicInteger runs = new AtomicInteger();

  private Supplier<StoredResponse> action(StoredResponse response) {
    return () -> {
      runs.incrementAndGet();
      return response;
    };
  }

  private Supplier<StoredResponse> failing(RuntimeException e) {
    return () -> {
      runs.incrementAndGet();
      throw e;
    };
  }

  private static final Function<DomainException, StoredResponse> REJECTION =
      e -> new StoredResponse(409, "application/problem+json", "{\"type\":\"" + e.type() + "\"}");

  private IdempotentExecutor.Result execute(String fingerprint, Supplier<StoredResponse> action) {
    return executor.execute(SCOPE, KEY, fingerprint, action, REJECTION);
  }

  private static void assertDomainError(Runnable call, String type, DomainException.Kind kind) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.type()).isEqualTo(type);
              assertThat(e.kind()).isEqualTo(kind);
            });
  }

  @Test
  void theFirstCallRunsTheActionAndStoresItsResponse() {
    IdempotentExecutor.Result result = execute("fp-1", action(CREATED));

    assertThat(result).isEqualTo(new IdempotentExecutor.Result(CREATED, false));
    assertThat(runs).hasValue(1);
    InMemoryIdempotencyRepository.Row row = repository.row(SCOPE, KEY.digest()).orElseThrow();
    assertThat(row.record()).isEqualTo(new IdempotencyRecord("fp-1", CREATED, clock.instant()));
    assertThat(row.expiresAt()).isEqualTo(clock.instant().plus(RETENTION));
  }

  @Test
  void theClaimTheActionAndTheResponseShareOneTransaction() {
    boolean[] claimedInTransaction = {false};
    boolean[] completedInTransaction = {false};
    boolean[] actionInTransaction = {false};
    InMemoryIdempotencyRepository watching =
        new InMemoryIdempotencyRepository(transactions) {
          @Override
          public boolean tryInsert(
              String scope, String key, String fingerprint, Instant now, Instant expiresAt) {
            claimedInTransaction[0] = transactions.active();
            return super.tryInsert(scope, key, fingerprint, now, expiresAt);
          }

          @Override
          public boolean complete(
              String scope, String key, Instant claimedAt, StoredResponse response) {
            completedInTransaction[0] = transactions.active();
            return super.complete(scope, key, claimedAt, response);
          }
        };
    IdempotentExecutor watched =
        new IdempotentExecutor(watching, transactions, clock, RETENTION, LEASE);

    watched.execute(
        SCOPE,
        KEY,
        "fp-1",
        () -> {
          actionInTransaction[0] = transactions.active();
          return CREATED;
        },
        REJECTION);

    // Claim, action and response: one transaction, nothing committed before or after it.
    assertThat(claimedInTransaction[0]).isTrue();
    assertThat(actionInTransaction[0]).isTrue();
    assertThat(completedInTransaction[0]).isTrue();
    assertThat(transactions.started()).isEqualTo(1);
  }

  @Test
  void theSameKeyAndRequestReplaysWithoutRunningTheActionAgain() {
    execute("fp-1", action(CREATED));
    clock.advance(Duration.ofMinutes(5));

    IdempotentExecutor.Result replay =
        execute("fp-1", action(new StoredResponse(201, "application/json", "{\"order\":2}")));

    assertThat(replay).isEqualTo(new IdempotentExecutor.Result(CREATED, true));
    assertThat(runs).hasValue(1);
  }

  @Test
  void theSameKeyWithAnotherRequestIsRefused() {
    execute("fp-1", action(CREATED));

    assertDomainError(
        () -> execute("fp-2", action(CREATED)),
        "idempotency-key-reused",
        DomainException.Kind.UNPROCESSABLE);
    assertThat(runs).hasValue(1);
    assertThat(repository.find(SCOPE, KEY.digest()))
        .contains(new IdempotencyRecord("fp-1", CREATED, clock.instant()));
  }

  @Test
  void keysAreScoped() {
    execute("fp-1", action(CREATED));

    IdempotentExecutor.Result other =
        executor.execute("checkout:customer-8", KEY, "fp-2", action(CREATED), REJECTION);

    assertThat(other.replayed()).isFalse();
    assertThat(runs).hasValue(2);
  }

  @Test
  void aKeyStillInFlightIsRefusedAndLeftAlone() {
    Instant lockedAt = clock.instant().minusSeconds(5);
    repository.tryInsert(SCOPE, KEY.digest(), "fp-1", lockedAt, lockedAt.plus(RETENTION));

    assertDomainError(
        () -> execute("fp-1", action(CREATED)),
        "idempotency-in-flight",
        DomainException.Kind.CONFLICT);
    assertThat(runs).hasValue(0);
    assertThat(repository.find(SCOPE, KEY.digest()))
        .contains(new IdempotencyRecord("fp-1", null, lockedAt));
  }

  @Test
  void aKeyLockedExactlyOneLeaseAgoIsStillInFlight() {
    Instant lockedAt = clock.instant().minus(LEASE);
    repository.tryInsert(SCOPE, KEY.digest(), "fp-1", lockedAt, lockedAt.plus(RETENTION));

    assertDomainError(
        () -> execute("fp-1", action(CREATED)),
        "idempotency-in-flight",
        DomainException.Kind.CONFLICT);
    assertThat(runs).hasValue(0);
  }

  @Test
  void aStaleInFlightKeyIsReclaimedAndTheActionRuns() {
    Instant lockedAt = clock.instant().minus(LEASE).minusSeconds(1);
    repository.tryInsert(SCOPE, KEY.digest(), "fp-1", lockedAt, lockedAt.plus(RETENTION));

    IdempotentExecutor.Result result = execute("fp-1", action(CREATED));

    assertThat(result).isEqualTo(new IdempotentExecutor.Result(CREATED, false));
    assertThat(runs).hasValue(1);
    assertThat(repository.find(SCOPE, KEY.digest()))
        .contains(new IdempotencyRecord("fp-1", CREATED, clock.instant()));
  }

  @Test
  void aKeyInFlightIsRefusedWithRetryAfterOneSecond() {
    repository.tryInsert(
        SCOPE, KEY.digest(), "fp-1", clock.instant(), clock.instant().plus(RETENTION));

    assertThatThrownBy(() -> execute("fp-1", action(CREATED)))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.extensions()).containsEntry("retryAfter", 1));
  }

  @Test
  void aStaleInFlightKeyWithAnotherRequestIsStillRefusedAsReused() {
    Instant lockedAt = clock.instant().minus(Duration.ofHours(1));
    repository.tryInsert(SCOPE, KEY.digest(), "fp-1", lockedAt, lockedAt.plus(RETENTION));

    assertDomainError(
        () -> execute("fp-2", action(CREATED)),
        "idempotency-key-reused",
        DomainException.Kind.UNPROCESSABLE);
    assertThat(runs).hasValue(0);
  }

  @Test
  void aBusinessRejectionIsStoredAndReplayed() {
    DomainException outOfStock =
        DomainException.conflict(ProblemType.OUT_OF_STOCK, "Out of stock", "SKU-1 is sold out");

    IdempotentExecutor.Result first = execute("fp-1", failing(outOfStock));
    IdempotentExecutor.Result second = execute("fp-1", action(CREATED));

    StoredResponse rejection =
        new StoredResponse(409, "application/problem+json", "{\"type\":\"out-of-stock\"}");
    assertThat(first).isEqualTo(new IdempotentExecutor.Result(rejection, false));
    assertThat(second).isEqualTo(new IdempotentExecutor.Result(rejection, true));
    assertThat(runs).hasValue(1);
    assertThat(repository.find(SCOPE, KEY.digest()).orElseThrow().response()).isEqualTo(rejection);
  }

  @Test
  void anUnexpectedErrorFreesTheKeySoThatARetryRunsAgain() {
    IllegalStateException boom = new IllegalStateException("database went away");

    assertThatThrownBy(() -> execute("fp-1", failing(boom))).isSameAs(boom);
    assertThat(repository.find(SCOPE, KEY.digest())).isEmpty();

    IdempotentExecutor.Result retry = execute("fp-1", action(CREATED));

    assertThat(retry).isEqualTo(new IdempotentExecutor.Result(CREATED, false));
    assertThat(runs).hasValue(2);
  }

  @Test
  void afterAnUnexpectedErrorTheKeyMayEvenBeUsedForAnotherRequest() {
    assertThatThrownBy(() -> execute("fp-1", failing(new RuntimeException("boom"))))
        .isInstanceOf(RuntimeException.class);

    assertThat(execute("fp-2", action(CREATED)).replayed()).isFalse();
  }

  @Test
  void aRejectionStoredAfterAnotherRequestAnsweredTheKeyReplaysThatAnswer() {
    StoredResponse winner = new StoredResponse(201, "application/json", "{\"order\":9}");
    AtomicInteger claims = new AtomicInteger();
    InMemoryIdempotencyRepository racing =
        new InMemoryIdempotencyRepository(transactions) {
          @Override
          public boolean tryInsert(
              String scope, String key, String fingerprint, Instant now, Instant expiresAt) {
            if (claims.incrementAndGet() == 2) {
              // Between our rolled-back attempt and storing its rejection, another request with
              // the key committed its order.
              Instant other = now.minusMillis(1);
              super.tryInsert(scope, key, fingerprint, other, expiresAt);
              super.complete(scope, key, other, winner);
            }
            return super.tryInsert(scope, key, fingerprint, now, expiresAt);
          }
        };
    IdempotentExecutor racingExecutor =
        new IdempotentExecutor(racing, transactions, clock, RETENTION, LEASE);

    IdempotentExecutor.Result result =
        racingExecutor.execute(
            SCOPE,
            KEY,
            "fp-1",
            failing(DomainException.conflict(ProblemType.OUT_OF_STOCK, "Out of stock", "gone")),
            REJECTION);

    assertThat(result).isEqualTo(new IdempotentExecutor.Result(winner, true));
  }

  @Test
  void aKeyFreedAfterItWentStaleIsClaimedOnceMoreAndNoMore() {
    // An earlier version's claim, stale; and a claim that stays taken (a concurrent request).
    Instant lockedAt = clock.instant().minus(LEASE).minusSeconds(1);
    repository.tryInsert(SCOPE, KEY.digest(), "fp-1", lockedAt, lockedAt.plus(RETENTION));
    InMemoryIdempotencyRepository stuck =
        new InMemoryIdempotencyRepository(transactions) {
          @Override
          public boolean tryInsert(
              String scope, String key, String fingerprint, Instant now, Instant expiresAt) {
            return false;
          }

          @Override
          public java.util.Optional<IdempotencyRecord> find(String scope, String key) {
            return java.util.Optional.of(new IdempotencyRecord("fp-1", null, lockedAt));
          }

          @Override
          public boolean reclaim(String scope, String key, Instant staleBefore, Instant now) {
            return true;
          }
        };
    IdempotentExecutor stuckExecutor =
        new IdempotentExecutor(stuck, transactions, clock, RETENTION, LEASE);

    assertDomainError(
        () -> stuckExecutor.execute(SCOPE, KEY, "fp-1", action(CREATED), REJECTION),
        "idempotency-in-flight",
        DomainException.Kind.CONFLICT);
    assertThat(runs).hasValue(0);
  }
}
