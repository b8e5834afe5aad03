/**
 * The order pipeline: authorize payment, confirm the order and commit the stock, send the
 * confirmation. Each step is a plain function of the order's event that does its outside call
 * (provider, SMTP) and returns an {@link com.securecart.pipeline.Effect} that the runner applies in
 * one transaction with marking the event done; a worker's claimed batch shares one read and one
 * effect transaction ({@link com.securecart.pipeline.PipelineRunner#processAll}). The same steps
 * can run in AWS Lambda, orchestrated by AWS Step Functions, with the outbox as the trigger.
 */
package com.securecart.pipeline;
