package com.securecart.infra;

/**
 * Applies a plan to the settings. securecart.json's figures for web, checkout and the services are
 * the planner's inputs (its targets, floors and sale lead) and the deployment without a plan; with
 * a plan, the plan's outputs replace them, all of a tier's at once. A tier the planner did not
 * simulate (catalog) gives only its size and runsOn; its targets and Spot share stay
 * securecart.json's.
 *
 * <p>One thing is refused as ambiguous: a sale of checkout.sales that sets its own {@code min} and
 * {@code desired} while a plan is set. The planner does not read them and the plan's scheduled
 * actions size every sale, so they would be figures that look live and are not.
 */
final class PlanSettings {
  private PlanSettings() {}

  static Settings apply(Settings settings, Plan plan) {
    Settings.Checkout checkout = settings.checkout();
    if (plan == null) {
      for (Settings.Sale sale : checkout.sales()) {
        Settings.require(
            sale.sized(),
            "checkout.sales '" + sale.name() + "': min and desired are required without a plan");
      }
      return settings.withTiers(settings.web(), checkout, settings.services(), null);
    }
    for (Settings.Sale sale : checkout.sales()) {
      Plan.check(
          !sale.sized(),
          plan.file(),
          "securecart.json's checkout.sales '"
              + sale.name()
              + "' sets min and desired, and this plan's scheduled actions size every sale:"
              + " remove them from securecart.json (the planner does not read them), or the plan");
    }
    var sales = checkout.sales().stream().map(Settings.Sale::name).toList();
    plan.tiers()
        .forEach(
            (name, tier) -> {
              for (Plan.Action action : tier.scheduledActions()) {
                Plan.check(
                    Plan.Action.FLASH_SALE.equals(action.event()) || sales.contains(action.event()),
                    plan.file(),
                    "tiers."
                        + name
                        + ".scheduledActions: event '"
                        + action.event()
                        + "' is neither "
                        + Plan.Action.FLASH_SALE
                        + " (every sale) nor the name of a sale in securecart.json's"
                        + " checkout.sales "
                        + sales);
              }
            });
    try {
      return settings.withTiers(
          web(settings.web(), plan.tier("web")),
          checkout(checkout, plan.tier("checkout")),
          new Settings.Services(
              service(settings.services().catalog(), plan.tier("catalog"), plan),
              service(settings.services().search(), plan.tier("search"), plan),
              service(settings.services().cart(), plan.tier("cart"), plan)),
          plan);
    } catch (IllegalArgumentException e) {
      // The records' own checks (Graviton families, Fargate sizes) on the plan's figures.
      throw new IllegalArgumentException("plan " + plan.file() + ": " + e.getMessage(), e);
    }
  }

  private static Settings.Web web(Settings.Web web, Plan.Tier t) {
    return new Settings.Web(
        t.runsOn(),
        t.min(),
        t.max(),
        or(t.requestsPerTarget(), web.requestsPerTarget()),
        t.isSimulated() ? t.predictiveBufferSeconds() : web.predictiveBufferSeconds(),
        or(t.cpuTargetPercent(), web.cpuTargetPercent()));
  }

  private static Settings.Checkout checkout(Settings.Checkout checkout, Plan.Tier t) {
    return new Settings.Checkout(
        t.runsOn(),
        t.min(),
        t.max(),
        or(t.requestsPerTarget(), checkout.requestsPerTarget()),
        or(t.warmPoolMin(), checkout.warmPoolMin()),
        checkout.saleLeadMinutes(),
        checkout.sales());
  }

  private static Settings.Service service(Settings.Service service, Plan.Tier t, Plan plan) {
    int[] size = t.fargate(plan.file());
    // A simulated tier's null spot means On-Demand only; an unsimulated one keeps its share.
    int base = service.onDemandBase();
    int weight = service.spotWeight();
    if (t.isSimulated()) {
      base = t.spot() == null ? 0 : t.spot().onDemandBase();
      weight = t.spot() == null ? 0 : t.spot().spotWeight();
    }
    return new Settings.Service(
        size[0],
        size[1],
        t.min(),
        t.max(),
        or(t.requestsPerTarget(), service.requestsPerTarget()),
        or(t.cpuTargetPercent(), service.cpuTargetPercent()),
        base,
        weight);
  }

  private static int or(Integer planned, int configured) {
    return planned == null ? configured : planned;
  }
}
