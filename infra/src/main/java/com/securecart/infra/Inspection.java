package com.securecart.infra;

import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/**
 * Intrusion detection for internet traffic: a Gateway Load Balancer in front of a group of
 * inspection appliances, its endpoints in the {@code edge} subnets, and ingress routing that sends
 * traffic between the internet gateway and the {@code public} subnets through them.
 */
public final class Inspection extends Construct {
  public Inspection(Construct scope, String id, Vpc vpc, Settings.Inspection settings) {
    super(scope, id);
  }
}
