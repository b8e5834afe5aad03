/**
 * Test support for executing the pipeline's Amazon States Language definition here: {@link
 * com.securecart.lambda.testing.LocalStepFunctions} runs a definition with the npm package {@code
 * aws-local-stepfunctions} on Node 22 and answers its Task states with Java {@link
 * com.securecart.lambda.testing.TaskInvoker}s under Lambda's error contract (errorType = the
 * exception's fully qualified class name, which {@code ErrorEquals} matches).
 */
package com.securecart.lambda.testing;
