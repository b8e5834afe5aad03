package com.securecart.bench;

import com.securecart.bench.SearchMix.SearchCase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The query mix answered by PostgreSQL alone, as a shop without a search engine would: full-text
 * search (tsvector, GIN) for words, pg_trgm for typos, SQL for filters, facets, sorts and paging.
 *
 * <p><b>The read model.</b> {@link #build} makes a table {@code search_products} from SecureCart's
 * {@code products} and {@code inventory}: the same denormalized shape as SecureCart's Lucene index
 * (available stock copied in, so "in stock" is a column, not a join), with a weighted {@code
 * search_doc tsvector} (name A, brand B, category C, description D, {@code english} configuration),
 * a GIN index on it, a GIN trigram index on the name, and B-tree indexes on category, brand, price
 * and (updated_at, id). SecureCart's own tables are read, never changed.
 *
 * <p><b>One search is one statement</b> (two when the words find nothing, see below), returning the
 * total (products passing all filters), the top 10 categories (counted over the products that pass
 * the brand and price filters), the top 10 brands (category and price), the price ranges (category
 * and brand) — the same "sideways" facets SecureCart computes — and the page of 20, sorted like
 * SecureCart (relevance = ts_rank, then id; newest = updated_at desc, id; price, id), with
 * ts_headline fragments of name and description as SecureCart highlights them. The facets are one
 * GROUPING SETS aggregate with a FILTER per facet; see {@link #statement} for how the matches are
 * found once. (A first version counted each facet with its own GROUP BY over a materialized CTE;
 * browsing without words was twice as slow that way.)
 *
 * <p><b>Words.</b> Every word is required ({@code &}), stemmed by the english configuration, and
 * the last one also matches as a prefix ({@code word:*}), as SecureCart treats the last word of a
 * query typed without a trailing space. <b>Typos:</b> when the full-text query finds nothing with
 * the filters, the search runs again with {@code name %> :q} (pg_trgm word similarity of the query
 * to the name of at least 0.6, served by the trigram index) instead, ranked by word_similarity.
 * SecureCart, unlike this, tolerates a typo in every word at once (one edit from 5 letters, two
 * from 9) and also offers a "did you mean" correction; the totals differ accordingly and the
 * benchmark prints both per search.
 *
 * <p>Sessions set {@code jit = off} (JIT compilation costs tens of milliseconds per statement on
 * queries this size and pays off only on long analytics), {@code work_mem = 64MB} (so the
 * materialized matches of a broad search stay in memory) and a 30 s statement timeout.
 */
final class PostgresSearchEngine implements SearchEngine {
  static final String TABLE = "search_products";

  private static final String PRICE_BUCKET =
      "CASE WHEN price_cents < 2500 THEN '0-25' WHEN price_cents < 5000 THEN '25-50'"
          + " WHEN price_cents < 10000 THEN '50-100' WHEN price_cents < 25000 THEN '100-250'"
          + " WHEN price_cents < 50000 THEN '250-500' WHEN price_cents < 100000 THEN '500-1000'"
          + " ELSE '1000+' END";

  /** The build, step by step, each timed. */
  static final List<String[]> BUILD_STEPS =
      List.of(
          new String[] {"extension", "CREATE EXTENSION IF NOT EXISTS pg_trgm"},
          new String[] {"drop old", "DROP TABLE IF EXISTS " + TABLE},
          new String[] {
            "table + tsvector",
            "CREATE TABLE "
                + TABLE
                + " AS SELECT p.id, p.name, p.description, p.brand, p.category, p.price_cents,"
                + " p.currency, p.updated_at, COALESCE(i.on_hand - i.reserved, 0) AS available,"
                + " setweight(to_tsvector('english', p.name), 'A')"
                + " || setweight(to_tsvector('english', p.brand), 'B')"
                + " || setweight(to_tsvector('english', p.category), 'C')"
                + " || setweight(to_tsvector('english', p.description), 'D') AS search_doc"
                + " FROM products p LEFT JOIN inventory i ON i.sku = p.sku WHERE p.active"
          },
          new String[] {"primary key", "ALTER TABLE " + TABLE + " ADD PRIMARY KEY (id)"},
          new String[] {
            "GIN tsvector", "CREATE INDEX " + TABLE + "_doc ON " + TABLE + " USING gin (search_doc)"
          },
          new String[] {
            "GIN trigram name",
            "CREATE INDEX " + TABLE + "_name_trgm ON " + TABLE + " USING gin (name gin_trgm_ops)"
          },
          new String[] {
            "B-trees", // four small ones, timed together
            "CREATE INDEX "
                + TABLE
                + "_category ON "
                + TABLE
                + " (category);CREATE INDEX "
                + TABLE
                + "_brand ON "
                + TABLE
                + " (brand);CREATE INDEX "
                + TABLE
                + "_price ON "
                + TABLE
                + " (price_cents);CREATE INDEX "
                + TABLE
                + "_updated ON "
                + TABLE
                + " (updated_at DESC, id)"
          },
          new String[] {"vacuum analyze", "VACUUM ANALYZE " + TABLE});

  /** The build's outcome. */
  record Build(double seconds, long products, long totalBytes, List<String> details) {}

  private final String jdbcUrl;

  PostgresSearchEngine(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  @Override
  public String name() {
    return "postgres";
  }

  /** Builds the read model and its indexes from SecureCart's tables; timed step by step. */
  Build build(Consumer<String> progress) throws SQLException {
    List<String> details = new ArrayList<>();
    long started = System.nanoTime();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("SET maintenance_work_mem = '256MB'");
      s.execute("SET jit = off");
      StringBuilder steps = new StringBuilder();
      for (String[] step : BUILD_STEPS) {
        long t0 = System.nanoTime();
        for (String sql : step[1].split(";")) {
          s.execute(sql);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        steps
            .append(steps.isEmpty() ? "" : ", ")
            .append(step[0])
            .append(String.format(Locale.ROOT, " %.1f s", secs));
        progress.accept(String.format(Locale.ROOT, "%s: %.1f s", step[0], secs));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      details.add("build steps: " + steps);
      long products;
      long total;
      try (ResultSet rs =
          s.executeQuery(
              "SELECT (SELECT count(*) FROM "
                  + TABLE
                  + "), pg_total_relation_size('"
                  + TABLE
                  + "'), pg_table_size('"
                  + TABLE
                  + "'), pg_relation_size('"
                  + TABLE
                  + "_doc'), pg_relation_size('"
                  + TABLE
                  + "_name_trgm'), pg_indexes_size('"
                  + TABLE
                  + "')")) {
        rs.next();
        products = rs.getLong(1);
        total = rs.getLong(2);
        details.add(
            String.format(
                Locale.ROOT,
                "size: %.1f MB in all = table %.1f MB (tsvector included) + indexes %.1f MB"
                    + " (GIN tsvector %.1f MB, GIN trigram %.1f MB, primary key and B-trees the rest)",
                mb(total),
                mb(rs.getLong(3)),
                mb(rs.getLong(6)),
                mb(rs.getLong(4)),
                mb(rs.getLong(5))));
      }
      return new Build(seconds, products, total, details);
    }
  }

  private static double mb(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }

  @Override
  public Session open() throws SQLException {
    Connection c = DriverManager.getConnection(jdbcUrl);
    try (Statement s = c.createStatement()) {
      s.execute("SET jit = off");
      s.execute("SET work_mem = '64MB'");
      s.execute("SET statement_timeout = '30s'");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return new PgSession(c);
  }

  private enum Match {
    ALL,
    WORDS,
    TRIGRAMS
  }

  /** One client's connection, with its statements prepared once per distinct SQL. */
  private static final class PgSession implements Session {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    PgSession(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Answer search(SearchCase search) throws SQLException {
      if (!search.hasText()) {
        return run(search, Match.ALL, null);
      }
      String tsquery = tsquery(search.text());
      if (tsquery != null) {
        Answer words = run(search, Match.WORDS, tsquery);
        if (words.total() > 0) {
          return words;
        }
      }
      return run(search, Match.TRIGRAMS, null);
    }

    private Answer run(SearchCase c, Match match, String tsquery) throws SQLException {
      Sql sql = statement(c, match, tsquery);
      PreparedStatement ps = statements.get(sql.text.toString());
      if (ps == null) {
        ps = connection.prepareStatement(sql.text.toString());
        statements.put(sql.text.toString(), ps);
      }
      for (int i = 0; i < sql.params.size(); i++) {
        ps.setObject(i + 1, sql.params.get(i));
      }
      long total = 0;
      int hits = 0;
      boolean[] facets = new boolean[5];
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int part = rs.getInt(1);
          // Read every column a shop page would show, as the HTTP client reads the whole answer.
          for (int col = 2; col <= 12; col++) {
            rs.getObject(col);
          }
          if (part == 1) {
            total = rs.getLong(3);
          } else if (part == 5) {
            hits++;
          } else {
            facets[part] = true;
          }
        }
      }
      return new Answer(
          total, hits, (facets[2] ? 1 : 0) + (facets[3] ? 1 : 0) + (facets[4] ? 1 : 0), Double.NaN);
    }

    @Override
    public void close() {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // The benchmark is over; nothing to do about a failed close.
      }
    }
  }

  /**
   * The words as an AND of english lexemes, the last one also a prefix: {@code sony & head:*}. Only
   * letters and digits pass, so no character has a tsquery meaning. Null if no word is left.
   */
  static String tsquery(String text) {
    List<String> words = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      return null;
    }
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      q.append(i == 0 ? "" : " & ").append(words.get(i));
      if (i == words.size() - 1 && !text.endsWith(" ")) {
        q.append(":*");
      }
    }
    return q.toString();
  }

  /** SQL text and its parameters, built together. */
  private static final class Sql {
    final StringBuilder text = new StringBuilder();
    final List<Object> params = new ArrayList<>();

    Sql add(String fragment) {
      text.append(fragment);
      return this;
    }

    Sql param(Object value) {
      text.append('?');
      params.add(value);
      return this;
    }
  }

  private static void category(Sql sql, SearchCase c) {
    if (c.category() == null) {
      sql.add("TRUE");
    } else {
      sql.add("s.category = ").param(c.category());
    }
  }

  private static void brand(Sql sql, SearchCase c) {
    if (c.brand() == null) {
      sql.add("TRUE");
    } else {
      sql.add("s.brand = ").param(c.brand());
    }
  }

  private static void price(Sql sql, SearchCase c) {
    if (c.minCents() == null && c.maxCents() == null) {
      sql.add("TRUE");
      return;
    }
    sql.add("(");
    if (c.minCents() != null) {
      sql.add("s.price_cents >= ").param(c.minCents());
    }
    if (c.maxCents() != null) {
      sql.add(c.minCents() != null ? " AND " : "").add("s.price_cents <= ").param(c.maxCents());
    }
    sql.add(")");
  }

  private static String order(SearchCase c, Match match) {
    String sort = c.sort();
    if ("relevance".equals(sort) && match != Match.ALL) {
      return "rank DESC, id";
    }
    return switch (sort) {
      case "price_asc" -> "price_cents, id";
      case "price_desc" -> "price_cents DESC, id";
      default -> "updated_at DESC, id"; // newest, and relevance without words
    };
  }

  static String sqlFor(SearchCase c) {
    String tsquery = c.hasText() ? tsquery(c.text()) : null;
    Match match = c.hasText() ? Match.WORDS : Match.ALL;
    return statement(c, match, tsquery).text.toString();
  }

  private static int activeFacetFilters(SearchCase c) {
    return (c.category() != null ? 1 : 0)
        + (c.brand() != null ? 1 : 0)
        + (c.minCents() != null || c.maxCents() != null ? 1 : 0);
  }

  /**
   * {@code FROM ... WHERE ...}: the products matching the words (or all), in stock if asked, and,
   * with two or more facet filters, failing at most one of them (such a product counts in no
   * facet).
   */
  private static void matching(Sql sql, SearchCase c, Match match, String tsquery) {
    sql.add(" FROM " + TABLE + " s");
    if (match == Match.WORDS) {
      sql.add(", to_tsquery('english', ").param(tsquery).add(") tq WHERE s.search_doc @@ tq");
    } else if (match == Match.TRIGRAMS) {
      sql.add(" WHERE s.name %> ").param(c.text());
    } else {
      sql.add(" WHERE TRUE");
    }
    if (c.inStock()) {
      sql.add(" AND s.available > 0");
    }
    int active = activeFacetFilters(c);
    if (active >= 2) {
      sql.add(" AND (");
      category(sql, c);
      sql.add(")::int + (");
      brand(sql, c);
      sql.add(")::int + (");
      price(sql, c);
      sql.add(")::int >= " + (active - 1));
    }
  }

  private static void facetFlags(Sql sql, SearchCase c) {
    sql.add(", ");
    category(sql, c);
    sql.add(" AS c_ok, ");
    brand(sql, c);
    sql.add(" AS b_ok, ");
    price(sql, c);
    sql.add(" AS p_ok");
  }

  /**
   * With words: a MATERIALIZED CTE {@code m} holds the matches once (with their rank when sorting
   * by relevance), the facets are counted over it and the page is cut from it. Without words
   * (browsing by filters), the matches are every product, so nothing is materialized: the facets
   * are counted in one scan and the page comes straight from the table, where the B-tree indexes
   * serve the filters and sorts. Either way one GROUPING SETS aggregate counts all facets in one
   * pass, each with the filters of the others (FILTER clauses), and the total with all of them.
   */
  private static Sql statement(SearchCase c, Match match, String tsquery) {
    Sql sql = new Sql();
    boolean relevance = "relevance".equals(c.sort()) && match != Match.ALL;
    String facetSource;
    if (match == Match.ALL) {
      sql.add("WITH x AS (SELECT s.category, s.brand, s.price_cents");
      facetFlags(sql, c);
      matching(sql, c, match, tsquery);
      sql.add("), ");
      facetSource = "x";
    } else {
      sql.add(
          "WITH m AS MATERIALIZED (SELECT s.id, s.category, s.brand, s.price_cents, s.updated_at");
      if (relevance && match == Match.WORDS) {
        sql.add(", ts_rank(s.search_doc, tq) AS rank");
      } else if (relevance) {
        sql.add(", word_similarity(").param(c.text()).add(", s.name) AS rank");
      }
      facetFlags(sql, c);
      matching(sql, c, match, tsquery);
      sql.add("), ");
      facetSource = "m";
    }
    sql.add(
        "f AS (SELECT GROUPING(category, brand, bucket) AS g, category, brand, bucket,"
            + " count(*) FILTER (WHERE c_ok AND b_ok AND p_ok) AS total,"
            + " count(*) FILTER (WHERE b_ok AND p_ok) AS cat_n,"
            + " count(*) FILTER (WHERE c_ok AND p_ok) AS brand_n,"
            + " count(*) FILTER (WHERE c_ok AND b_ok) AS price_n"
            + " FROM (SELECT category, brand, "
            + PRICE_BUCKET
            + " AS bucket, c_ok, b_ok, p_ok FROM "
            + facetSource
            + ") y GROUP BY GROUPING SETS ((category), (brand), (bucket), ())), ");
    String limit =
        " LIMIT " + SearchMix.PAGE_SIZE + " OFFSET " + (long) c.page() * SearchMix.PAGE_SIZE;
    if (match == Match.ALL) {
      sql.add("page AS (SELECT id, row_number() OVER () AS ord FROM (SELECT s.id FROM " + TABLE);
      sql.add(" s WHERE ");
      category(sql, c);
      sql.add(" AND ");
      brand(sql, c);
      sql.add(" AND ");
      price(sql, c);
      if (c.inStock()) {
        sql.add(" AND s.available > 0");
      }
      sql.add(" ORDER BY " + order(c, match) + limit + ") z)");
    } else {
      sql.add(
          "page AS (SELECT id, row_number() OVER () AS ord FROM (SELECT id FROM m"
              + " WHERE c_ok AND b_ok AND p_ok ORDER BY "
              + order(c, match)
              + limit
              + ") z)");
    }
    // GROUPING(category, brand, bucket): 7 = the empty set (total), 3 = by category, 5 = by
    // brand, 6 = by price range.
    String nulls =
        "NULL::bigint, NULL::text, NULL::text, NULL::text, NULL::bigint, NULL::text, NULL::int,"
            + " NULL::text, NULL::text";
    sql.add(" SELECT 1 AS part, NULL::text AS key, total AS n, " + nulls + " FROM f WHERE g = 7");
    sql.add(
        " UNION ALL (SELECT 2, category, cat_n, "
            + nulls
            + " FROM f WHERE g = 3 AND cat_n > 0 ORDER BY 3 DESC, 2 LIMIT 10)");
    sql.add(
        " UNION ALL (SELECT 3, brand, brand_n, "
            + nulls
            + " FROM f WHERE g = 5 AND brand_n > 0 ORDER BY 3 DESC, 2 LIMIT 10)");
    sql.add(
        " UNION ALL (SELECT 4, bucket, price_n, " + nulls + " FROM f WHERE g = 6 AND price_n > 0)");
    sql.add(
        " UNION ALL (SELECT 5, NULL, pg.ord, s.id, s.name, s.brand, s.category, s.price_cents,"
            + " s.currency::text, s.available, ");
    if (match == Match.WORDS) {
      sql.add(
              "ts_headline('english', s.name, hq, 'StartSel=<em>, StopSel=</em>, HighlightAll=true'),"
                  + " ts_headline('english', s.description, hq, 'StartSel=<em>, StopSel=</em>,"
                  + " MinWords=10, MaxWords=30') FROM page pg JOIN "
                  + TABLE
                  + " s ON s.id = pg.id, to_tsquery('english', ")
          .param(tsquery)
          .add(") hq ORDER BY pg.ord)");
    } else {
      sql.add("NULL, NULL FROM page pg JOIN " + TABLE + " s ON s.id = pg.id ORDER BY pg.ord)");
    }
    return sql;
  }
}
