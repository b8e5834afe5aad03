package com.securecart.planner.plan;

import java.math.RoundingMode;
import java.util.ArrayList;
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
    svgs.put(
        "traffic",
        chart(
            "Traffic: orders per second (mean per minute)", List.of(new Line("offered", orders))));
    svgs.put(
        "capacity",
        chart("Capacity in service: instances and tasks, all tiers", lines(results, series, 0)));
    svgs.put(
        "p99",
        chart(
            "p99 as % of its SLO, worst tier (a minute that sheds counts as at least 100%)",
            lines(results, series, 1)));
    svgs.put("cost", chart("Cost: USD per hour, every priced part", lines(results, series, 2)));
    return svgs;
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

  /** One chart as an svg element: white background, title, axes' ends, a legend line per line. */
  private static String chart(String title, List<Line> lines) {
    var html = new StringBuilder();
    double max = 0;
    int length = 1;
    for (Line line : lines) {
      for (double v : line.values()) {
        max = Math.max(max, v);
      }
      length = Math.max(length, line.values().length);
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
        "<text x=\"%d\" y=\"%d\" font-size=\"11\">minute 0</text>\n"
            .formatted(PAD, PAD + plotH + 14));
    html.append(
        "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">minute %d</text>\n"
            .formatted(PAD + plotW, PAD + plotH + 14, length));
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      String colour = COLOURS[i % COLOURS.length];
      html.append("<polyline fill=\"none\" stroke=\"")
          .append(colour)
          .append("\" stroke-width=\"1.2\" points=\"");
      double[] v = line.values();
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
          "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
              .formatted(PAD, ly, PAD + 20, ly, colour));
      html.append(
          "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n"
              .formatted(PAD + 26, ly + 4, escape(line.name())));
    }
    return html.append("</svg>\n").toString();
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
