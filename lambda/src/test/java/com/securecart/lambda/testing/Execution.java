package com.securecart.lambda.testing;

import java.time.Duration;
import java.util.List;

/**
 * The end of one local execution.
 *
 * @param status how it ended
 * @param output the execution's output (JSON) when it {@link Status#SUCCEEDED}, else {@code null}
 * @param error the error it failed with (a Fail state's {@code Error}, or the Task's Lambda {@code
 *     errorType} when no Catch took it), else {@code null}
 * @param cause the failure's cause, else {@code null}
 * @param events the interpreter's event log, in order
 * @param taskCalls every Task invocation the bridge answered, in order
 * @param wallTime from starting the Node process until its answer was read (includes Node's start)
 */
public record Execution(
    Status status,
    String output,
    String error,
    String cause,
    List<ExecutionEvent> events,
    List<TaskCall> taskCalls,
    Duration wallTime) {

  public enum Status {
    SUCCEEDED,
    FAILED,
    /**
     * The execution ran past {@link RunOptions#timeout()} or the definition's {@code
     * TimeoutSeconds}.
     */
    TIMED_OUT,
    ABORTED
  }

  /** One Task invocation: what the interpreter sent and what the invoker answered. */
  public record TaskCall(
      String resourceArn, String stateName, String inputJson, TaskResult result) {}

  public Execution {
    events = List.copyOf(events);
    taskCalls = List.copyOf(taskCalls);
  }

  /**
   * The names of the states entered, in order (a retried state is entered once, not once per
   * attempt).
   */
  public List<String> statesEntered() {
    return events.stream()
        .filter(e -> e.type().equals("StateEntered"))
        .map(ExecutionEvent::stateName)
        .toList();
  }

  /** The retries of {@code stateName}, in order. */
  public List<ExecutionEvent.Retry> retries(String stateName) {
    return events.stream()
        .filter(e -> e.is("StateRetried", stateName))
        .map(ExecutionEvent::retry)
        .toList();
  }

  /**
   * The errors {@code stateName} failed with (each failure, retried, caught or final), in order.
   */
  public List<String> failures(String stateName) {
    return events.stream()
        .filter(e -> e.is("StateFailed", stateName))
        .map(ExecutionEvent::error)
        .toList();
  }

  /** How many times the bridge invoked {@code stateName}'s Task. */
  public long invocations(String stateName) {
    return taskCalls.stream().filter(c -> c.stateName().equals(stateName)).count();
  }

  /** The time between the interpreter's ExecutionStarted event and its last event. */
  public Duration executionTime() {
    if (events.isEmpty()) {
      return Duration.ZERO;
    }
    return Duration.between(events.getFirst().at(), events.getLast().at());
  }
}
