// Executes one Amazon States Language definition with the npm package aws-local-stepfunctions (3.0.0, Node 22)
// and answers every Task state through an HTTP bridge to the Java test (LocalStepFunctions). Test support only.
//
// Usage: node run-state-machine.mjs <package-dir> <request.json>
//   package-dir: where `npm install --prefix <dir> aws-local-stepfunctions@3.0.0` put node_modules
//   request.json: {definition, input, bridgeUrl, timeoutMs, retryIntervalOverrides?, validationOptions?}
// Prints exactly one JSON line on stdout: {status, output?, error?, cause?, events[], sleepHook, bridgeFailure?}.
// Diagnostics go to stderr.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [packageDir, requestFile] = process.argv.slice(2);
const request = JSON.parse(readFileSync(requestFile, 'utf8'));
const require = createRequire(join(packageDir, 'package.json'));
const modulePath = require.resolve('aws-local-stepfunctions');
const { StateMachine } = require(modulePath);

// The event log says when a retried state failed and when it was retried, not the pause the interpreter chose
// (with JitterStrategy FULL it is random). The interpreter pauses through its own sleep(), a setTimeout whose
// callback is recognisable by its source; record each such delay. If the package changes, sleepHook is false
// and the Java side reports no scheduled pauses rather than wrong ones.
const SLEEP_FINGERPRINT = 'abortSignal?.removeEventListener("abort", onAbort)';
const sleepHook = readFileSync(modulePath, 'utf8').includes(SLEEP_FINGERPRINT);
const sleeps = [];
if (sleepHook) {
  const original = globalThis.setTimeout;
  globalThis.setTimeout = function patchedSetTimeout(fn, ms, ...rest) {
    if (typeof fn === 'function' && String(fn).includes(SLEEP_FINGERPRINT)) {
      sleeps.push({ ms: Number(ms), at: Date.now() });
    }
    return original.call(this, fn, ms, ...rest);
  };
}

// Every Task state, at any depth (Parallel branches, Map iterators), is answered by the bridge.
function taskStates(states, into = {}) {
  for (const [name, state] of Object.entries(states ?? {})) {
    if (state.Type === 'Task') into[name] = state.Resource;
    for (const branch of state.Branches ?? []) taskStates(branch.States, into);
    taskStates((state.ItemProcessor ?? state.Iterator)?.States, into);
  }
  return into;
}

let bridgeFailure = null;
let execution = null;

async function callBridge(resource, stateName, input) {
  let response;
  try {
    response = await fetch(request.bridgeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resource, stateName, input }),
    });
  } catch (e) {
    throw bridgeBroken(`bridge unreachable: ${e.message}`);
  }
  if (!response.ok) throw bridgeBroken(`bridge answered HTTP ${response.status}: ${await response.text()}`);
  const answer = await response.json();
  if (answer.kind === 'result') return answer.payload;
  if (answer.kind === 'error') {
    // The same error the package raises for a real Lambda function error (its LambdaInvocationError): the
    // interpreter matches ErrorEquals against error.name, so name = the Lambda errorType.
    const payload = { errorType: answer.errorType, errorMessage: answer.errorMessage, stackTrace: answer.stackTrace ?? [] };
    const error = new Error(`${answer.errorType}: ${answer.errorMessage}`, { cause: payload });
    error.name = answer.errorType;
    throw error;
  }
  throw bridgeBroken(`bridge answered neither a result nor an error: ${JSON.stringify(answer)}`);
}

// A broken bridge is a fault of the test set-up, not a Task error: stop the execution instead of letting a
// States.ALL catcher swallow it.
function bridgeBroken(message) {
  bridgeFailure ??= message;
  setImmediate(() => execution?.abort());
  const error = new Error(message);
  error.name = 'SfnLocal.BridgeFailure';
  return error;
}

const handlers = {};
for (const [stateName, resource] of Object.entries(taskStates(request.definition.States))) {
  handlers[stateName] = (input) => callBridge(resource, stateName, input);
}

const stateMachine = new StateMachine(
  request.definition,
  request.validationOptions ? { validationOptions: request.validationOptions } : undefined,
);
execution = stateMachine.run(request.input, {
  overrides: {
    taskResourceLocalHandlers: handlers,
    retryIntervalOverrides: request.retryIntervalOverrides ?? {},
  },
});

let timedOut = false;
const watchdog = setTimeout(() => {
  timedOut = true;
  execution.abort();
}, request.timeoutMs);

const events = [];
const collecting = (async () => {
  for await (const event of execution.eventLogs) events.push(event);
})();

const outcome = {};
let thrown = null;
try {
  outcome.output = await execution.result;
  outcome.status = 'SUCCEEDED';
} catch (e) {
  thrown = e;
  if (bridgeFailure) outcome.status = 'BRIDGE_FAILURE';
  else if (timedOut) outcome.status = 'TIMED_OUT';
  else if (e?.name === 'ExecutionAbortedError') outcome.status = 'ABORTED';
  else if (e?.name === 'ExecutionTimeoutError') outcome.status = 'TIMED_OUT';
  else outcome.status = 'FAILED';
}
clearTimeout(watchdog);
await Promise.race([collecting, new Promise((resolve) => setTimeout(resolve, 1000))]);
if (thrown) {
  // The ExecutionFailed event carries the error as Step Functions reports it (Error, Cause).
  const failed = events.findLast((event) => event.type === 'ExecutionFailed');
  outcome.error = failed?.Error ?? thrown.name;
  outcome.cause = failed?.Cause ?? thrown.message;
}

// A retry pauses between its StateFailed and its StateRetried event: attach the measured pause and, when the
// sleep hook works, the pause the interpreter scheduled (0 when it skipped the timer for a zero delay).
const used = new Set();
let lastFailedAt = null;
for (const event of events) {
  if (event.type === 'StateFailed') lastFailedAt = event.timestamp;
  if (event.type === 'StateRetried') {
    event.measuredPauseMs = lastFailedAt === null ? null : event.timestamp - lastFailedAt;
    if (sleepHook) {
      const i = sleeps.findIndex((s, k) => !used.has(k) && s.at >= lastFailedAt && s.at <= event.timestamp);
      if (i >= 0) used.add(i);
      event.scheduledPauseMs = i >= 0 ? sleeps[i].ms : 0;
    }
  }
}

process.stdout.write(JSON.stringify({ ...outcome, bridgeFailure, sleepHook, events }) + '\n');
process.exit(0);
