/**
 * AWS Lambda handlers: thin inbound adapters over the core's pipeline steps, wired once per cold
 * start through {@code app}'s {@code Contexts.wire}. They decide no business outcome; Step
 * Functions owns retries and compensation, told apart by this package's exception types.
 *
 * <p>One class per function: {@code <PascalStep>Handler} runs a step ({@link
 * com.securecart.lambda.StepHandler}), {@code <PascalStep>CompensationHandler} its compensation
 * ({@link com.securecart.lambda.CompensationHandler}). They take their event as a JSON stream and
 * map it themselves ({@code EventJson}): the managed runtime's serializer cannot build records. The
 * deployable artifact is {@code securecart-lambda-<version>-aws.jar} (shaded); Java bytecode runs
 * on either architecture, so arm64 is the function's configuration, not the build's.
 */
package com.securecart.lambda;
