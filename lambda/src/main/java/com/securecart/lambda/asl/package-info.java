/**
 * The order pipeline's Step Functions state machine, generated from {@code app}'s wired {@code
 * Pipeline} (its steps and retry policy) so that the shape is written once: the Amazon States
 * Language definition, its Mermaid picture, and the {@code ./securecart pipeline} command that
 * prints both.
 */
package com.securecart.lambda.asl;
