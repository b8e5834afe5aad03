package com.securecart.server.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.securecart.app.Pipeline;
import com.securecart.orders.OrderEvents;
import com.securecart.outbox.Outbox;
import com.securecart.outbox.OutboxEvent;
import com.securecart.pipeline.Effect;
import com.securecart.pipeline.Step;
import com.securecart.server.config.Config;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbox lease on a real database (ADR 2): a live worker renews its claims, so a step slower
 * than the lease keeps its event; a claim left unrenewed is taken over after one lease, and the
 * first owner's late writes then change nothing.
 */
class OutboxLeaseIT {
  private static final Duration LEASE = Duration.ofMillis(400);

  /** An instance with no workers of its own, holding one order whose placed event is pending. */
  private static TestApp withOnePendingOrder(Engine engine) {
    TestApp app = TestApp.start(engine, c -> c.withRoles(Set.of(Config.Role.API)));
    Api api = app.api();
    long product = api.createProduct(app.adminToken(), "LEASE-1", 1_000, 10);
    assertThat(api.checkout(api.cartWith(product, 1), "tok_visa").status()).isEqualTo(201);
    return app;
  }

  /** Handles order.placed by waiting for the test; counts the effects it commits. */
  private static final class SlowStep implements Step {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger applied = new AtomicInteger();

    @Override
    public String name() {
      return "slow";
    }

    @Override
    public String trigger() {
      return OrderEvents.PLACED;
    }

    @Override
    public Effect run(com.securecart.shared.OrderId order) {
      started.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return applied::incrementAndGet;
    }
  }

  private static OutboxWorker worker(Pipeline pipeline, SlowStep step) {
    return new OutboxWorker(
        pipeline.withSteps(List.of(step), pipeline.retry()),
        Clock.systemUTC(),
        Duration.ofMillis(50),
        LEASE,
        OutboxWorker.Activity.NONE);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aStepSlowerThanTheLeaseKeepsItsClaimWhileItsWorkerRenews(Engine engine) throws Exception {
    try (TestApp app = withOnePendingOrder(engine)) {
      Pipeline pipeline = app.app().contexts().pipeline();
      Outbox outbox = pipeline.outbox();
      SlowStep step = new SlowStep();
      try (OutboxWorker worker = worker(pipeline, step)) {
        worker.start();
        // The worker's own loops may claim the event first (as many as the doorbell has): either
        // way
        // this worker holds it.
        Thread.ofVirtual().start(worker::runOnce);
        assertThat(step.started.await(10, TimeUnit.SECONDS)).isTrue();

        // Five leases later the step still runs, and no other worker can claim its event.
        Thread.sleep(LEASE.multipliedBy(5));
        assertThat(outbox.claim(100, Instant.now(), Instant.now().plusSeconds(60))).isEmpty();

        step.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.backlog().pending() == 0);
        assertThat(step.applied).hasValue(1);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aClaimLeftUnrenewedIsTakenOverAfterTheLeaseAndItsOwnerCanNoLongerFinishIt(Engine engine) {
    try (TestApp app = withOnePendingOrder(engine)) {
      Outbox outbox = app.app().contexts().pipeline().outbox();
      // Microseconds, as the database stores them, so that "one lease on" compares exactly.
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      long pending = outbox.backlog().pending();
      // A worker claims an event and dies: no renewal ever comes.
      List<OutboxEvent> dead = outbox.claim(1, now, now.plus(LEASE));
      assertThat(dead).hasSize(1);
      List<OutboxEvent> others = outbox.claim(100, now, now.plusSeconds(600));
      assertThat(outbox.claim(100, now.plus(LEASE).minusMillis(1), now.plusSeconds(60))).isEmpty();

      // One lease on, another worker takes it over; the dead one's renewal and writes miss.
      List<OutboxEvent> taken = outbox.claim(100, now.plus(LEASE), now.plusSeconds(60));
      assertThat(taken).extracting(OutboxEvent::id).containsExactly(dead.getFirst().id());
      assertThat(outbox.renew(dead, now.plusSeconds(120))).isZero();
      assertThat(outbox.markDone(dead.getFirst(), now)).isFalse();
      assertThat(outbox.retryAt(dead.getFirst(), now, "late")).isFalse();
      assertThat(outbox.markDead(dead.getFirst(), now, "late")).isFalse();
      assertThat(outbox.backlog().pending()).isEqualTo(pending);

      // The new owner's renewal and completion land, once.
      assertThat(outbox.renew(taken, now.plusSeconds(120))).isEqualTo(1);
      assertThat(outbox.claim(100, now.plusSeconds(90), now.plusSeconds(200))).isEmpty();
      assertThat(outbox.markDone(taken.getFirst(), now)).isTrue();
      assertThat(outbox.markDone(taken.getFirst(), now)).isFalse();
      assertThat(outbox.renew(taken, now.plusSeconds(300))).isZero();
      assertThat(outbox.backlog().pending()).isEqualTo(pending - 1).isEqualTo(others.size());
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aLiveWorkerTakesOverADeadWorkersEventOnceItsLeaseRunsOut(Engine engine) throws Exception {
    try (TestApp app = withOnePendingOrder(engine)) {
      Pipeline pipeline = app.app().contexts().pipeline();
      Outbox outbox = pipeline.outbox();
      Instant now = Instant.now();
      int claimed = outbox.claim(100, now, now.plus(LEASE)).size();
      assertThat(claimed).isPositive();
      SlowStep step = new SlowStep();
      step.release.countDown();
      try (OutboxWorker worker = worker(pipeline, step)) {
        assertThat(worker.runOnce()).isZero();
        await()
            .pollInterval(Duration.ofMillis(50))
            .atMost(Duration.ofSeconds(10))
            .until(() -> worker.runOnce() == claimed);
        assertThat(step.applied).hasValue(1);
        assertThat(outbox.backlog().pending()).isZero();
      }
    }
  }
}
