package com.securecart.lambda;

import com.securecart.app.Contexts;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrderStatus;
import com.securecart.payments.PaymentUnavailableException;
import com.securecart.pipeline.Effect;
import com.securecart.pipeline.PermanentStepFailure;
import com.securecart.pipeline.Step;
import com.securecart.shared.DomainException;
import com.securecart.shared.OrderId;
import com.securecart.shared.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one core step (or its compensation) for one order the way the in-process runner does: the
 * step's outside work, then its {@link Effect} in one transaction. What it adds is the mapping of
 * failures onto the exception types the state machine tells apart; it decides no outcome itself.
 */
final class StepInvoker {
  private final Contexts contexts;
  private final String stepName;
  private final List<Step> steps;

  StepInvoker(Contexts contexts, String stepName) {
    this.contexts = contexts;
    this.stepName = stepName;
    this.steps =
        contexts.pipeline().steps().stream().filter(s -> s.name().equals(stepName)).toList();
    if (steps.isEmpty()) {
      throw new IllegalStateException("the wired pipeline has no step named " + stepName);
    }
  }

  String stepName() {
    return stepName;
  }

  /** Runs the step that {@code event} calls for on {@code orderId}. */
  StepOutput run(long orderId, String event) {
    Step step = stepFor(event);
    return invoke(orderId, event, step::run);
  }

  /** Runs the compensation of the step that {@code event} called for on {@code orderId}. */
  StepOutput compensate(long orderId, String event, String error) {
    Step step = stepFor(event);
    return invoke(orderId, event, order -> step.compensate(order, error));
  }

  /** The step by (this handler's step name, trigger); void-authorization has one per trigger. */
  private Step stepFor(String event) {
    return steps.stream()
        .filter(s -> s.trigger().equals(event))
        .findFirst()
        .orElseThrow(
            () ->
                new BadEventException(
                    "step " + stepName + " does not handle event '" + printable(event) + "'"));
  }

  /**
   * The step's answer names the event the order's status now stands for, unless that is the event
   * that called for the step: then there is nothing further to route to. Judging by where the order
   * is, not by whether this run moved it, matters when a step is run again after it committed (its
   * answer was lost, its environment died): the rerun changes nothing, and must still send the
   * execution on (an authorized order to ConfirmOrder), or the order would wait forever. Statuses
   * only move forward, so the answers cannot route in a circle.
   */
  private StepOutput invoke(long orderId, String event, Function<OrderId, Effect> work) {
    try {
      OrderId order = new OrderId(orderId);
      OrderStatus before =
          contexts
              .orders()
              .status(order)
              .orElseThrow(() -> new BadEventException("order " + orderId + " does not exist"));
      Effect effect = work.apply(order);
      contexts.database().transactions().run(effect::apply);
      OrderStatus after = contexts.orders().status(order).orElse(before);
      String now = OrderEvents.forStatus(after);
      String next = now.equals(event) ? null : now;
      return new StepOutput(orderId, next, after.name());
    } catch (BadEventException e) {
      throw e;
    } catch (RuntimeException e) {
      throw classify(e);
    }
  }

  /**
   * What the state machine should do about a failure: retry it (transient), compensate (failed for
   * good), or neither (a bad event). Anything unrecognised leaves unchanged, under its own type:
   * the state machine's Catch compensates it without retrying, so that a bug is not retried as if
   * the world might change.
   */
  static RuntimeException classify(RuntimeException e) {
    if (e instanceof DomainException || e instanceof PermanentStepFailure) {
      return new StepFailedException(describe(e), e);
    }
    if (e instanceof StoreUnavailableException
        || e instanceof PaymentUnavailableException
        || transientSql(e)) {
      return new TransientStepException(describe(e), e);
    }
    return e;
  }

  /**
   * A database error that a later attempt may not meet: the driver says so (transient or
   * recoverable), or its SQLSTATE is a connection failure (08), a serialization failure or deadlock
   * (40001, 40P01), insufficient resources (53) or an operator intervention (57P0x).
   */
  private static boolean transientSql(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || state.equals("40001")
            || state.equals("40P01")
            || state.startsWith("53")
            || state.startsWith("57P0")) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The error's type and message; never bound SQL values (the persistence layer omits them). */
  private static String describe(RuntimeException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String printable(String event) {
    String shown = event.length() > 80 ? event.substring(0, 80) + "..." : event;
    return shown.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
