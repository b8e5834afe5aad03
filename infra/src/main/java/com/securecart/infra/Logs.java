package com.securecart.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * SecureCart's log groups: kept a year (PCI DSS asks for a year of audit trail), encrypted with the
 * stack's key, and retained when a stack is deleted, so that deleting a stack loses no logs.
 */
final class Logs {
  private Logs() {}

  /**
   * @param name the log group's name, or null to let CloudFormation name it
   */
  static LogGroup retained(Construct scope, String id, String name, IKey key) {
    return LogGroup.Builder.create(scope, id)
        .logGroupName(name)
        .retention(RetentionDays.ONE_YEAR)
        .encryptionKey(key)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }
}
