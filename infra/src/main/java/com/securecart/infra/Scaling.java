package com.securecart.infra;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import software.constructs.Construct;

/**
 * How one tier scales beyond its size, from the plan when securecart.json names one, else from
 * securecart.json (web: CPU and predictive; checkout: its warm pool and each sale's raise and
 * restore).
 *
 * @param cpuTargetPercent null: no CPU policy
 * @param predictiveBufferSeconds null: no predictive policy
 * @param warmPoolMin null: no warm pool
 * @param spot null: On-Demand only (EC2 tiers; the services carry theirs in Settings.Service)
 * @param schedule the one-time size changes still ahead of the synth time
 */
record Scaling(
    Integer cpuTargetPercent,
    Integer predictiveBufferSeconds,
    Integer warmPoolMin,
    Plan.Spot spot,
    List<Scheduled> schedule) {

  /**
   * A one-time scheduled size change.
   *
   * @param desired null: left to the scaling policies
   */
  record Scheduled(String id, Instant at, int min, Integer desired) {}

  static Scaling web(Settings settings, Instant now) {
    Plan plan = settings.plan();
    if (plan == null) {
      Settings.Web web = settings.web();
      return new Scaling(
          web.cpuTargetPercent(), web.predictiveBufferSeconds(), null, null, List.of());
    }
    return planned(settings, "web", now);
  }

  static Scaling checkout(Settings settings, Instant now) {
    Settings.Checkout checkout = settings.checkout();
    if (settings.plan() != null) {
      return planned(settings, "checkout", now);
    }
    List<Scheduled> schedule = new ArrayList<>();
    for (Settings.Sale sale : checkout.sales()) {
      Settings.require(sale.sized(), "checkout.sales '" + sale.name() + "': min and desired");
      Instant raise = sale.start().minus(checkout.saleLeadMinutes(), ChronoUnit.MINUTES);
      schedule.add(new Scheduled("Raise-" + sale.name(), raise, sale.min(), sale.desired()));
      // At the end only the floor comes down: target tracking then scales in as traffic falls,
      // instead of cutting the group to its minimum while the last buyers are still checking out.
      schedule.add(new Scheduled("Restore-" + sale.name(), sale.end(), checkout.min(), null));
    }
    return new Scaling(null, null, checkout.warmPoolMin(), null, ahead(schedule, now));
  }

  /** A service's scheduled actions: the plan's, mapped onto the sales; none without a plan. */
  static List<Scheduled> service(Settings settings, String tier, Instant now) {
    return settings.plan() == null ? List.of() : planned(settings, tier, now).schedule();
  }

  private static Scaling planned(Settings settings, String tier, Instant now) {
    Plan.Tier t = settings.plan().tier(tier);
    List<Scheduled> schedule = new ArrayList<>();
    for (Settings.Sale sale : settings.checkout().sales()) {
      int n = 1;
      for (Plan.Action action : t.scheduledActions()) {
        if (!action.appliesTo(sale.name())) {
          continue;
        }
        Instant anchor = action.anchor().equals("start") ? sale.start() : sale.end();
        schedule.add(
            new Scheduled(
                "Plan-" + sale.name() + "-" + n++,
                anchor.plusSeconds(action.offsetSeconds()),
                action.min(),
                action.desired()));
      }
    }
    return new Scaling(
        t.cpuTargetPercent(),
        t.predictiveBufferSeconds(),
        t.warmPool() > 0 ? t.warmPool() : null,
        t.spot(),
        ahead(schedule, now));
  }

  /**
   * Context {@code securecart:now} (an ISO instant: tests fix it), else the clock: a sale's action
   * at or before it is left out.
   */
  static Instant synthTime(Construct scope) {
    Object now = scope.getNode().tryGetContext("securecart:now");
    return now == null ? Instant.now() : Instant.parse(now.toString());
  }

  /**
   * Auto Scaling refuses a one-time action in the past and the stack would fail to deploy: an
   * action at or before the synth time is left out.
   */
  private static List<Scheduled> ahead(List<Scheduled> schedule, Instant now) {
    return schedule.stream().filter(s -> s.at().isAfter(now)).toList();
  }
}
