/**
 * The outbox relay of the {@code stepfunctions} pipeline mode: instead of running the order steps,
 * the workers hand each pipeline event over, an order to the Step Functions state machine ({@code
 * StartExecution}) and a notification to the SQS queue the e-mail handler reads ({@code
 * SendMessage}). The hand-overs are steps run by the same outbox runner as the steps themselves, so
 * an event leaves the outbox only once AWS has accepted it.
 */
package com.securecart.server.relay;
