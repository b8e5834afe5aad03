package com.securecart.planner.plan;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * plan.html: one self-contained page, the options table and four inline SVG line charts (traffic,
 * capacity in service, p99 and cost over time, one line per option). No script, no external file.
 * The same charts are also standalone SVG documents ({@link #charts}) for docs to show as pictures.
 */
final class PlanHtml {
  private static final String[] COLOURS = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"
  };
  private static final int WIDTH = 900;
  private static final int HEIGHT = 260;
  private static final int PAD = 50;

  /** Charts keep at most this many points per line: a week has 10,080 minutes. */
  private static final int MAX_POINTS = 720;

  private PlanHtml() {}

  record Line(String name, double[] values) {}

  /** The four charts as standalone SVG documents, keyed by file name (no extension). */
  static Map<String, String> charts(List<OptionResult> results, double[] orders) {
    var files = new LinkedHashMap<String, String>();
    svgs(results, orders)
        .forEach(
            (name, svg) -> files.put(name, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg));
    return files;
  }

  private static Map<String, String> svgs(List<OptionResult> results, double[] orders) {
    var series = results.stream().map(r -> Series.of(r, orders)).toList();
    var svgs = new LinkedHashMap<String, String>();
    Window whole = new Window(0, orders.length, "");
    Window peak = Window.aroundPeak(orders);
    for (Window w : peak.equals(whole) ? List.of(whole) : List.of(whole, peak)) {
      svgs.put(
          "traffic" + w.suffix(),
          chart(
              "Traffic: orders per second (mean per minute)",
              List.of(new Line("offered", orders)),
              w,
              Double.NaN));
      svgs.put(
          "capacity" + w.suffix(),
          chart(
              "Capacity in service: instances and tasks, all tiers",
              lines(results, series, 0),
              w,
              Double.NaN));
      svgs.put(
          "p99" + w.suffix(),
          chart(
              "p99 as % of its SLO, worst tier (a minute that sheds counts as at least 100%)",
              lines(results, series, 1), w, 100));
      svgs.put(
          "cost" + w.suffix(),
          chart("Cost: USD per hour, every priced part", lines(results, series, 2), w, Double.NaN));
    }
    return svgs;
  }

  /**
   * The minutes a chart covers, {@code from} inclusive to {@code to} exclusive. A day drawn in 800
   * pixels gives a 30-minute sale 17 of them, so the peak also gets charts of its own.
   */
  record Window(int from, int to, String suffix) {
    /** From 90 minutes before traffic first reaches 90% of its peak to 60 after it last does. */
    static Window aroundPeak(double[] perMinute) {
      double max = 0;
      for (double v : perMinute) {
        max = Math.max(max, v);
      }
      int first = 0;
      int last = perMinute.length - 1;
      while (first < last && perMinute[first] < 0.9 * max) {
        first++;
      }
      while (last > first && perMinute[last] < 0.9 * max) {
        last--;
      }
      int from = Math.max(0, first - 90);
      int to = Math.min(perMinute.length, last + 61);
      return from == 0 && to == perMinute.length
          ? new Window(0, perMinute.length, "")
          : new Window(from, to, "-peak");
    }
  }

  static String render(String title, String summary, List<OptionResult> results, double[] orders) {
    var html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>")
        .append(escape(title))
        .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:960px}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;")
        .append(
            "text-align:right}td:first-child{text-align:left}pre{white-space:pre-wrap}</style></head><body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n<pre>")
        .append(escape(summary))
        .append("</pre>\n<table><tr><th>option</th><th>peak instances</th><th>SLO minutes")
        .append(" violated</th><th>Spot notices</th><th>$/hour</th><th>$/month</th>")
        .append("<th>$/1,000 orders</th>");
    for (String part : results.getFirst().costBreakdownPerHour().keySet()) {
      html.append("<th>").append(escape(part)).append(" $/hour</th>");
    }
    html.append("</tr>\n");
    for (OptionResult r : results) {
      html.append("<tr><td>")
          .append(escape(r.option().name()))
          .append("</td><td>")
          .append(r.peakInstances())
          .append("</td><td>")
          .append(r.sloMinutesViolated())
          .append("</td><td>")
          .append(r.spotInterruptions())
          .append("</td><td>")
          .append(r.costPerHour().setScale(4, RoundingMode.HALF_UP).toPlainString())
          .append("</td><td>")
          .append(r.costPerMonth().setScale(2, RoundingMode.HALF_UP).toPlainString())
          .append("</td><td>")
          .append(r.costPer1000Orders().setScale(4, RoundingMode.HALF_UP).toPlainString())
          .append("</td>");
      for (var usd : r.costBreakdownPerHour().values()) {
        html.append("<td>").append(usd.toPlainString()).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n<p>Not priced: ")
        .append(escape(String.join("; ", SharedCosts.NOT_PRICED)))
        .append(".</p>\n");
    for (String svg : svgs(results, orders).values()) {
      html.append(svg);
    }
    return html.append("</body></html>\n").toString();
  }

  private static List<Line> lines(List<OptionResult> results, List<Series> series, int which) {
    var lines = new ArrayList<Line>();
    for (int i = 0; i < results.size(); i++) {
      Series s = series.get(i);
      double[] values =
          switch (which) {
            case 0 -> s.inService();
            case 1 -> s.worstP99ShareOfSlo();
            default -> s.usdPerHour();
          };
      lines.add(new Line(results.get(i).option().name(), values));
    }
    return lines;
  }

  /**
   * One chart as an svg element: white background, title, axes' ends, a legend line per line, and a
   * dashed line at {@code threshold} (NaN: none). Lines after the first are dashed each their own
   * way, so that options that agree (and so overlap) still show.
   */
  private static String chart(String title, List<Line> lines, Window window, double threshold) {
    var html = new StringBuilder();
    double max = Double.isNaN(threshold) ? 0 : threshold;
    int length = Math.max(2, window.to() - window.from());
    for (Line line : lines) {
      for (int m = window.from(); m < Math.min(window.to(), line.values().length); m++) {
        max = Math.max(max, line.values()[m]);
      }
    }
    double top = max > 0 ? max * 1.05 : 1;
    int height = HEIGHT + 20 * lines.size();
    html.append(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n"
            .formatted(WIDTH, height, WIDTH, height));
    html.append("<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n".formatted(WIDTH, height));
    html.append(
        "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>\n"
            .formatted(PAD, escape(title)));
    int plotW = WIDTH - 2 * PAD;
    int plotH = HEIGHT - 2 * PAD;
    html.append(
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n"
            .formatted(PAD, PAD, plotW, plotH));
    html.append(
        "<text x=\"4\" y=\"%d\" font-size=\"11\">%s</text>\n".formatted(PAD + 4, label(top)));
    html.append("<text x=\"4\" y=\"%d\" font-size=\"11\">0</text>\n".formatted(PAD + plotH));
    html.append(
        "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n"
            .formatted(PAD, PAD + plotH + 14, clock(window.from())));
    html.append(
        "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>\n"
            .formatted(PAD + plotW, PAD + plotH + 14, clock(window.to())));
    if (!Double.isNaN(threshold)) {
      double ty = PAD + plotH - plotH * threshold / top;
      html.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\""
                  + " stroke-dasharray=\"2,3\"/>\n",
              PAD,
              ty,
              PAD + plotW,
              ty));
    }
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      String colour = COLOURS[i % COLOURS.length];
      html.append("<polyline fill=\"none\" stroke=\"")
          .append(colour)
          .append("\" stroke-width=\"1.4\"")
          .append(dash(i))
          .append(" points=\"");
      double[] v =
          Arrays.copyOfRange(
              line.values(), window.from(), Math.min(window.to(), line.values().length));
      int buckets = Math.min(MAX_POINTS, v.length);
      for (int b = 0; b < buckets; b++) {
        int from = (int) ((long) b * v.length / buckets);
        int to = Math.max(from + 1, (int) ((long) (b + 1) * v.length / buckets));
        double peak = 0;
        for (int k = from; k < to; k++) {
          peak = Math.max(peak, v[k]);
        }
        double x = PAD + plotW * (from / (double) Math.max(1, length - 1));
        double y = PAD + plotH - plotH * peak / top;
        html.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      html.append("\"/>\n");
      int ly = HEIGHT + 20 * i;
      html.append(
          "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"%s/>"
              .formatted(PAD, ly, PAD + 30, ly, colour, dash(i)));
      html.append(
          "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n"
              .formatted(PAD + 36, ly + 4, escape(line.name())));
    }
    return html.append("</svg>\n").toString();
  }

  /** The dash pattern of line {@code i} as an attribute: the first is solid. */
  private static String dash(int i) {
    return i == 0 ? "" : " stroke-dasharray=\"" + (2 + 2 * i) + "," + (1 + i) + "\"";
  }

  /** A minute from the profile's start as "day D HH:MM" (day 1 is the first). */
  static String clock(int minute) {
    return "day %d %02d:%02d".formatted(1 + minute / 1440, minute % 1440 / 60, minute % 60);
  }

  private static String label(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
