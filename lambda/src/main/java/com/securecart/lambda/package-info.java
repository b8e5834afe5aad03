/**
 * AWS Lambda handlers: thin inbound adapters over the core's pipeline steps, wired once per cold
 * start through {@code app}'s {@code Contexts.wire}. They decide no business outcome; Step
 * Functions owns retries and compensation, told apart by this package's exception types.
 */
package com.securecart.lambda;
