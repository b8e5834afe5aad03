package com.securecart.lambda.testing;

/**
 * Answers one Task state of a locally executed state machine, in place of the Lambda function named
 * by the state's {@code Resource}. An exception thrown here is reported as the Lambda runtime
 * client reports an unhandled exception: {@code errorType} = its fully qualified class name, {@code
 * errorMessage} = its message (see {@link TaskResult#failure(Throwable)}). A {@link Error} (an
 * assertion failing inside the invoker, say) is not a Task error: it stops the execution and {@link
 * LocalStepFunctions#run} rethrows it.
 */
@FunctionalInterface
public interface TaskInvoker {
  /**
   * @param resourceArn the Task state's {@code Resource} (a Lambda function ARN)
   * @param stateName the Task state's name
   * @param inputJson the state's effective input (after {@code InputPath} and {@code Parameters})
   */
  TaskResult invoke(String resourceArn, String stateName, String inputJson) throws Exception;
}
