package com.securecart.planner.simulation;

/**
 * Predictive scaling's forecast, reduced to what can be checked: the load for an hour is the mean,
 * over up to the last 14 days, of the same hour's mean load. AWS forecasts from up to 14 days of
 * hourly metric data and needs at least 24 hours of it; its model is not published, but a load that
 * repeats daily is what it learns. Because the forecast is hourly, a spike shorter than an hour is
 * under-forecast, as it is on AWS.
 */
final class PredictiveForecast {
  static final int DAY = 86_400;
  static final int HOUR = 3_600;
  static final int HISTORY_DAYS = 14;

  private final double[] hourlyMeans;
  private final int historyHours;

  /**
   * @param history whole days before the simulation, starting at midnight
   * @param offered the simulation's own load, which becomes history as the days pass
   */
  PredictiveForecast(double[] history, double[] offered) {
    historyHours = history.length / HOUR;
    hourlyMeans = new double[historyHours + offered.length / HOUR + 1];
    for (int s = 0; s < history.length + offered.length; s++) {
      double load = s < history.length ? history[s] : offered[s - history.length];
      hourlyMeans[s / HOUR] += load / HOUR;
    }
  }

  /** Seconds from the history's start to the simulation's second 0. */
  int offsetSeconds() {
    return historyHours * HOUR;
  }

  /**
   * @param hour counted from the history's start
   * @return the forecast load in requests per second, or NaN with under a day of data before it
   */
  double forecastRps(int hour) {
    double sum = 0;
    int days = 0;
    for (int d = 1; d <= HISTORY_DAYS && hour - 24 * d >= 0; d++) {
      sum += hourlyMeans[hour - 24 * d];
      days++;
    }
    return days == 0 ? Double.NaN : sum / days;
  }
}
