-- The W3C trace context (traceparent header value) of the request that wrote each event, so that the
-- pipeline steps the event causes join that request's trace. Null for events written outside a trace.
ALTER TABLE outbox ADD COLUMN trace_parent VARCHAR(60);
