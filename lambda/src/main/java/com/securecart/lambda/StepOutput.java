package com.securecart.lambda;

/**
 * What a step's handler answers: the order, the event its new state stands for (what the state
 * machine routes on next; null when the order is where no further step applies) and its status.
 */
public record StepOutput(long orderId, String event, String status) {}
