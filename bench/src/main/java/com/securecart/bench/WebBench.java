package com.securecart.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver of {@code ./securecart bench web}: server-side render time of the home, search and
 * product pages, next to the JSON API answering the same data, on one keep-alive connection, one
 * request at a time (so that the figures are the server's, not a queue's). Each iteration asks for
 * a page and then the API for the same data, so that both see the same machine noise.
 *
 * <p>The server states its own time in {@code Server-Timing}: {@code app} is the whole handler
 * (measured by the request filter from routing to the response headers; for a page that includes
 * rendering, as the page is rendered into a buffer before it is sent), {@code render} the template
 * rendering alone. The client-side latency (request sent to body read, loopback) is printed too.
 */
public final class WebBench {
  private static final Pattern APP = Pattern.compile("app;dur=([0-9.]+)");
  private static final Pattern RENDER = Pattern.compile("render;dur=([0-9.]+)");

  /** One kind of page and the API call that answers the same data. */
  private record Pair(String name, IntFunction<String> page, IntFunction<String> api) {}

  private static final class Figures {
    final Latencies server = new Latencies();
    final Latencies render = new Latencies();
    final Latencies client = new Latencies();
    long bytes;
    int errors;
  }

  public static void main(String[] args) throws Exception {
    Options o =
        Options.of("web bench")
            .option("--base-url", "http://127.0.0.1:8080")
            .option("--products", "100000")
            .option("--duration", "20")
            .option("--warmup", "5");
    String base;
    int products;
    int seconds;
    int warmup;
    try {
      o.parse(args);
      base = o.loopback("--base-url").toString().replaceAll("/$", "");
      products = o.integer("--products", 1, 100_000_000);
      seconds = o.integer("--duration", 1, 3600);
      warmup = o.integer("--warmup", 0, 600);
    } catch (Options.UsageException e) {
      throw o.exit(e);
    }

    List<SearchMix.SearchCase> mix = SearchMix.MIX;
    List<Pair> pairs =
        List.of(
            new Pair("home /", i -> "/", i -> "/api/search?q=&sort=newest&size=8"),
            new Pair(
                "search /search",
                i -> "/search?" + webQuery(mix.get(i % mix.size())),
                i -> "/api/search?" + apiQuery(mix.get(i % mix.size()))),
            new Pair(
                "product /products/{id}",
                i -> "/products/" + (1 + Math.floorMod(i * 7919L, products)),
                i -> "/api/products/" + (1 + Math.floorMod(i * 7919L, products))));

    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    System.out.printf(
        Locale.ROOT,
        "==> %d products; per page: %d s warm-up, then %d s of page + API pairs, one request at a"
            + " time%n",
        products,
        warmup,
        seconds);
    Map<String, Figures[]> results = new LinkedHashMap<>();
    SplittableRandom random = new SplittableRandom(42);
    for (Pair pair : pairs) {
      run(client, base, pair, warmup, random, null, null);
      Figures page = new Figures();
      Figures api = new Figures();
      run(client, base, pair, seconds, random, page, api);
      results.put(pair.name(), new Figures[] {page, api});
      System.out.printf(
          Locale.ROOT,
          "    %-24s %6d pages, %6d API calls, %d errors%n",
          pair.name(),
          page.client.count(),
          api.client.count(),
          page.errors + api.errors);
    }
    report(results);
  }

  private static void run(
      HttpClient client,
      String base,
      Pair pair,
      int seconds,
      SplittableRandom random,
      Figures page,
      Figures api)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      int i = random.nextInt(1_000_000);
      measure(client, base + pair.page().apply(i), "text/html", page);
      measure(client, base + pair.api().apply(i), "application/json", api);
    }
  }

  private static void measure(HttpClient client, String url, String accept, Figures into)
      throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Accept", accept)
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    long started = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      if (into != null) {
        into.errors++;
      }
      return;
    }
    long took = System.nanoTime() - started;
    if (into == null) {
      return;
    }
    if (response.statusCode() != 200) {
      into.errors++;
      return;
    }
    into.client.record(took);
    into.bytes += response.body().length;
    String timing = String.join(",", response.headers().allValues("Server-Timing"));
    Matcher app = APP.matcher(timing);
    if (app.find()) {
      into.server.record(millisToNanos(app.group(1)));
    }
    Matcher render = RENDER.matcher(timing);
    if (render.find()) {
      into.render.record(millisToNanos(render.group(1)));
    }
  }

  private static long millisToNanos(String millis) {
    return (long) (Double.parseDouble(millis) * 1_000_000);
  }

  private static void report(Map<String, Figures[]> results) {
    System.out.println();
    System.out.println(
        "==> Server-side time per request, ms (Server-Timing app: routing to response headers;"
            + " render: the template alone)");
    System.out.println(
        "                              |          HTML page                       |   JSON API, same data");
    System.out.println(
        "page                     n    | server p50   p99 | render p50   p99 |  KB | server p50   p99 |  KB"
            + " | page/API p99");
    List<String> goal = new ArrayList<>();
    for (Map.Entry<String, Figures[]> e : results.entrySet()) {
      Figures page = e.getValue()[0];
      Figures api = e.getValue()[1];
      Latencies ps = Latencies.merge(List.of(page.server));
      Latencies pr = Latencies.merge(List.of(page.render));
      Latencies as = Latencies.merge(List.of(api.server));
      System.out.printf(
          Locale.ROOT,
          "%-22s %6d | %10.2f %5.2f | %10.2f %5.2f | %3d | %10.2f %5.2f | %3d | %5.1fx%n",
          e.getKey(),
          page.client.count(),
          ps.percentileMillis(50),
          ps.percentileMillis(99),
          pr.percentileMillis(50),
          pr.percentileMillis(99),
          page.client.count() == 0 ? 0 : page.bytes / page.client.count() / 1024,
          as.percentileMillis(50),
          as.percentileMillis(99),
          api.client.count() == 0 ? 0 : api.bytes / api.client.count() / 1024,
          ps.percentileMillis(99) / as.percentileMillis(99));
      goal.add(
          String.format(
              Locale.ROOT,
              "%s %.2f ms %s",
              e.getKey().split(" ")[0],
              ps.percentileMillis(99),
              ps.percentileMillis(99) <= 20 ? "ok" : "OVER"));
    }
    System.out.println();
    System.out.println("==> Client-side latency on loopback, ms (request sent to body read)");
    System.out.println("page                     page p50   p99    max |  API p50   p99    max");
    for (Map.Entry<String, Figures[]> e : results.entrySet()) {
      Latencies pc = Latencies.merge(List.of(e.getValue()[0].client));
      Latencies ac = Latencies.merge(List.of(e.getValue()[1].client));
      System.out.printf(
          Locale.ROOT,
          "%-22s %9.2f %5.2f %6.1f | %8.2f %5.2f %6.1f%n",
          e.getKey(),
          pc.percentileMillis(50),
          pc.percentileMillis(99),
          pc.maxMillis(),
          ac.percentileMillis(50),
          ac.percentileMillis(99),
          ac.maxMillis());
    }
    System.out.println();
    System.out.println(
        "goal: server-side p99 of each page <= 20 ms at this catalog size: "
            + String.join(", ", goal));
  }

  /** The search page's query string for a case of the mix (prices in whole units). */
  private static String webQuery(SearchMix.SearchCase c) {
    return query(c, c.text(), true) + "&page=" + c.page();
  }

  /**
   * The API's query string for the same search: the page's page size (24), and the words marked
   * finished with a trailing space, as the page submits them.
   */
  private static String apiQuery(SearchMix.SearchCase c) {
    String text = c.text().isBlank() ? "" : c.text().strip() + " ";
    return query(c, text, false) + "&page=" + c.page() + "&size=24";
  }

  private static String query(SearchMix.SearchCase c, String text, boolean units) {
    StringBuilder q = new StringBuilder("q=").append(encode(text));
    if (c.category() != null) {
      q.append("&category=").append(encode(c.category()));
    }
    if (c.brand() != null) {
      q.append("&brand=").append(encode(c.brand()));
    }
    if (c.minCents() != null) {
      q.append("&minPrice=").append(price(c.minCents(), units));
    }
    if (c.maxCents() != null) {
      q.append("&maxPrice=").append(price(c.maxCents(), units));
    }
    if (c.inStock()) {
      q.append("&inStock=true");
    }
    return q.append("&sort=").append(c.sort()).toString();
  }

  private static String price(long cents, boolean units) {
    return units ? BigDecimal.valueOf(cents, 2).toPlainString() : String.valueOf(cents);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
