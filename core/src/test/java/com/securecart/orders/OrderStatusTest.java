package com.securecart.orders;

import static com.securecart.orders.OrderStatus.AUTHORIZED;
import static com.securecart.orders.OrderStatus.CANCELLED;
import static com.securecart.orders.OrderStatus.CONFIRMED;
import static com.securecart.orders.OrderStatus.EXPIRED;
import static com.securecart.orders.OrderStatus.FAILED;
import static com.securecart.orders.OrderStatus.PAYMENT_FAILED;
import static com.securecart.orders.OrderStatus.PENDING_PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OrderStatusTest {

  /** The allowed transitions, written out independently of the production code. */
  private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED =
      Map.of(
          PENDING_PAYMENT, EnumSet.of(AUTHORIZED, PAYMENT_FAILED, CANCELLED, EXPIRED),
          AUTHORIZED, EnumSet.of(CONFIRMED, CANCELLED, FAILED),
          CONFIRMED, EnumSet.of(CANCELLED),
          PAYMENT_FAILED, EnumSet.noneOf(OrderStatus.class),
          CANCELLED, EnumSet.noneOf(OrderStatus.class),
          EXPIRED, EnumSet.noneOf(OrderStatus.class),
          FAILED, EnumSet.noneOf(OrderStatus.class));

  static Stream<Arguments> everyPair() {
    return Arrays.stream(OrderStatus.values())
        .flatMap(
            from ->
                Arrays.stream(OrderStatus.values())
                    .map(to -> Arguments.of(from, to, ALLOWED.get(from).contains(to))));
  }

  @Test
  void theTableCoversEveryStatus() {
    assertThat(ALLOWED).containsOnlyKeys(OrderStatus.values());
    assertThat(everyPair()).hasSize(49);
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("everyPair")
  void canTransitionToFollowsTheTable(OrderStatus from, OrderStatus to, boolean allowed) {
    assertThat(from.canTransitionTo(to)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @EnumSource(OrderStatus.class)
  void noStatusTransitionsToItself(OrderStatus status) {
    assertThat(status.canTransitionTo(status)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(OrderStatus.class)
  void nothingLeadsBackToPendingPayment(OrderStatus status) {
    assertThat(status.canTransitionTo(PENDING_PAYMENT)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"PENDING_PAYMENT", "AUTHORIZED", "CONFIRMED"})
  void openOrdersAreCancellable(OrderStatus status) {
    assertThat(status.cancellable()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"PAYMENT_FAILED", "CANCELLED", "EXPIRED", "FAILED"})
  void finalOrdersAreNotCancellableAndGoNowhere(OrderStatus status) {
    assertThat(status.cancellable()).isFalse();
    for (OrderStatus target : OrderStatus.values()) {
      assertThat(status.canTransitionTo(target)).as("%s -> %s", status, target).isFalse();
    }
  }
}
