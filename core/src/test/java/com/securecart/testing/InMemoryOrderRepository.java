package com.securecart.testing;

import com.securecart.orders.NewOrder;
import com.securecart.orders.Order;
import com.securecart.orders.OrderRepository;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.PaymentDue;
import com.securecart.orders.StatusChange;
import com.securecart.shared.CustomerId;
import com.securecart.shared.OrderId;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Orders in a map, with the SQL's rules: ownership in the query, and an update that succeeds only
 * if the stored version is still the order's (then counts it up). Concurrency is not real here: a
 * test stages another writer with {@link #writeConcurrentlyBeforeNextUpdate}, whose change lands
 * just before the next update, which is the interleaving optimistic locking exists for.
 */
public final class InMemoryOrderRepository implements OrderRepository, Snapshottable {
  private record Row(Order order, String accessTokenHash, String paymentToken) {}

  private Map<OrderId, Row> rows = new LinkedHashMap<>();
  private Map<OrderId, List<StatusChange>> history = new LinkedHashMap<>();
  private final Deque<UnaryOperator<Order>> concurrentWrites = new ArrayDeque<>();
  private final Map<OrderId, Row> committedElsewhere = new LinkedHashMap<>();
  private long nextId = 1;
  private int updateAttempts;

  @Override
  public OrderId insert(NewOrder order, String number, String accessTokenHash, Instant now) {
    OrderId id = new OrderId(nextId++);
    Order stored =
        Order.rehydrate(
            id,
            number,
            order.customer(),
            order.email(),
            order.shippingAddress(),
            order.lines(),
            order.totals(),
            OrderStatus.PENDING_PAYMENT,
            null,
            null,
            now,
            0);
    rows.put(id, new Row(stored, accessTokenHash, order.paymentToken()));
    history.put(id, new ArrayList<>());
    return id;
  }

  @Override
  public Optional<Order> find(OrderId id) {
    return Optional.ofNullable(rows.get(id)).map(Row::order);
  }

  @Override
  public Optional<Order> findOwned(OrderId id, CustomerId customer) {
    return find(id).filter(o -> o.customer() != null && o.customer().equals(customer));
  }

  @Override
  public Optional<Order> findByAccessToken(OrderId id, String accessTokenHash) {
    return Optional.ofNullable(rows.get(id))
        .filter(r -> r.accessTokenHash().equals(accessTokenHash))
        .map(Row::order);
  }

  @Override
  public Page<Order> listOwned(CustomerId customer, PageRequest page) {
    return page(o -> customer.equals(o.customer()), page);
  }

  @Override
  public Page<Order> listAll(OrderStatus status, PageRequest page) {
    return page(o -> status == null || o.status() == status, page);
  }

  @Override
  public boolean update(Order order, boolean dropPaymentToken, Instant now) {
    updateAttempts++;
    if (!concurrentWrites.isEmpty()) {
      Row row = rows.get(order.id());
      store(row, concurrentWrites.poll().apply(row.order()), row.paymentToken());
      // The other writer committed on its own: a rollback of ours must not undo it.
      committedElsewhere.put(order.id(), rows.get(order.id()));
    }
    Row row = rows.get(order.id());
    if (row == null || row.order().version() != order.version()) {
      return false;
    }
    store(row, order, dropPaymentToken ? null : row.paymentToken());
    return true;
  }

  @Override
  public void addHistory(OrderId id, OrderStatus status, String reason, Instant at) {
    history.get(id).add(new StatusChange(status, reason, at));
  }

  @Override
  public List<StatusChange> history(OrderId id) {
    return List.copyOf(history.getOrDefault(id, List.of()));
  }

  @Override
  public Optional<PaymentDue> paymentDue(OrderId id) {
    return Optional.ofNullable(rows.get(id))
        .filter(r -> r.order().status() == OrderStatus.PENDING_PAYMENT && r.paymentToken() != null)
        .map(r -> new PaymentDue(r.order().totals().total(), r.paymentToken()));
  }

  @Override
  public Optional<OrderStatus> status(OrderId id) {
    return find(id).map(Order::status);
  }

  /**
   * Another writer's change, applied to the stored order (and its version counted up) just before
   * the next call to {@link #update}; queue several to make several updates lose.
   */
  public void writeConcurrentlyBeforeNextUpdate(UnaryOperator<Order> change) {
    concurrentWrites.add(change);
  }

  /** How many times {@link #update} was called, won or lost. */
  public int updateAttempts() {
    return updateAttempts;
  }

  /** Whether the stored order still holds its payment token. */
  public boolean holdsPaymentToken(OrderId id) {
    return rows.get(id).paymentToken() != null;
  }

  @Override
  public Runnable snapshot() {
    Map<OrderId, Row> rowsCopy = new LinkedHashMap<>(rows);
    Map<OrderId, List<StatusChange>> historyCopy = new LinkedHashMap<>();
    history.forEach((id, changes) -> historyCopy.put(id, List.copyOf(changes)));
    long id = nextId;
    committedElsewhere.clear();
    return () -> {
      rows = new LinkedHashMap<>(rowsCopy);
      rows.putAll(committedElsewhere);
      history = new LinkedHashMap<>();
      historyCopy.forEach((k, v) -> history.put(k, new ArrayList<>(v)));
      nextId = id;
    };
  }

  private void store(Row row, Order order, String paymentToken) {
    Order next =
        Order.rehydrate(
            order.id(),
            order.number(),
            order.customer(),
            order.email(),
            order.shippingAddress(),
            order.lines(),
            order.totals(),
            order.status(),
            order.statusReason(),
            order.paymentAuthorization(),
            order.createdAt(),
            row.order().version() + 1);
    rows.put(order.id(), new Row(next, row.accessTokenHash(), paymentToken));
  }

  private Page<Order> page(Predicate<Order> filter, PageRequest page) {
    List<Order> matching =
        rows.values().stream()
            .map(Row::order)
            .filter(filter)
            .sorted(Comparator.comparingLong((Order o) -> o.id().value()).reversed())
            .toList();
    List<Order> items = matching.stream().skip(page.offset()).limit(page.size()).toList();
    return new Page<>(items, page.page(), page.size(), matching.size());
  }
}
