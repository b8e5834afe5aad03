package com.securecart.server.demo;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The UCI Online Retail file as cleaned under {@code shared/data/online-retail} (gzip or plain):
 * one invoice line per record, {@code invoice,stock_code,description,quantity,invoice_date,
 * unit_price,customer_id,country}, quoted as RFC 4180 when a description holds a comma or a quote.
 */
final class OnlineRetailCsv {
  static final String HEADER =
      "invoice,stock_code,description,quantity,invoice_date,unit_price,customer_id,country";

  /** The file's name where the repository's shared data keeps it. */
  static final String FILE_NAME = "online_retail_uci.csv.gz";

  private OnlineRetailCsv() {}

  /**
   * One invoice line as the file has it. {@code unitPricePence} is the price in pence (GBP minor
   * units), rounded half up; {@code customerId} is null for a guest.
   */
  record Row(
      String invoice,
      String stockCode,
      String description,
      int quantity,
      LocalDateTime invoiceDate,
      long unitPricePence,
      Long customerId,
      String country) {

    /** Invoices whose number starts with C cancel earlier sales. */
    boolean cancellation() {
      return invoice.startsWith("C");
    }
  }

  /** A line that is not an invoice line of this file, with its line number. */
  static final class FormatException extends RuntimeException {
    FormatException(long lineNo, String problem) {
      super("online retail CSV line " + lineNo + ": " + problem);
    }
  }

  /**
   * The file to load: {@code configured} when given (it must exist), else the first of the
   * conventional places that exists. Fails with one line naming every place it looked.
   */
  static Path locate(Path configured, Path dataDir) {
    if (configured != null) {
      if (Files.isRegularFile(configured)) {
        return configured;
      }
      throw new IllegalStateException(
          "--demo-data online-retail: SECURECART_ONLINE_RETAIL="
              + configured
              + " is not a file (download: https://archive.ics.uci.edu/dataset/352/online+retail)");
    }
    Set<Path> looked = new LinkedHashSet<>();
    for (Path candidate :
        List.of(
            Path.of("..", "shared", "data", "online-retail", FILE_NAME),
            dataDir.resolve(FILE_NAME))) {
      Path absolute = candidate.toAbsolutePath().normalize();
      if (Files.isRegularFile(absolute)) {
        return absolute;
      }
      looked.add(absolute);
    }
    throw new IllegalStateException(
        "--demo-data online-retail: "
            + FILE_NAME
            + " not found (looked at "
            + String.join(", ", looked.stream().map(Path::toString).toList())
            + "); set SECURECART_ONLINE_RETAIL to the file");
  }

  /** Reads every line of {@code file} (gzip recognised by its magic bytes) into {@code sink}. */
  static void read(Path file, Consumer<Row> sink) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(gunzipIfNeeded(raw), StandardCharsets.UTF_8), 1 << 16)) {
      String header = in.readLine();
      if (header != null && header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      if (header == null || !header.strip().equals(HEADER)) {
        throw new FormatException(1, "expected the header " + HEADER);
      }
      long lineNo = 1;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (!line.isBlank()) {
          sink.accept(parse(line, lineNo));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static InputStream gunzipIfNeeded(InputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /** One record; {@code lineNo} only names the line in errors. */
  static Row parse(String line, long lineNo) {
    List<String> fields = split(line, lineNo);
    if (fields.size() != 8) {
      throw new FormatException(lineNo, "expected 8 fields, found " + fields.size());
    }
    String invoice = fields.get(0).strip();
    String stockCode = fields.get(1).strip();
    if (invoice.isEmpty() || stockCode.isEmpty()) {
      throw new FormatException(lineNo, "invoice and stock_code are required");
    }
    try {
      String customer = fields.get(6).strip();
      return new Row(
          invoice,
          stockCode,
          fields.get(2).strip(),
          Integer.parseInt(fields.get(3).strip()),
          LocalDateTime.parse(fields.get(4).strip()),
          pence(fields.get(5).strip()),
          customer.isEmpty() ? null : Long.valueOf(customer),
          fields.get(7).strip());
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new FormatException(lineNo, "bad number or date (" + e.getMessage() + ")");
    }
  }

  /** "2.55" -> 255; "0.001" -> 0; "-11062.06" -> -1106206. */
  static long pence(String price) {
    return new BigDecimal(price)
        .movePointRight(2)
        .setScale(0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  /** The fields of one record on one line: commas separate, a quoted field may hold them. */
  static List<String> split(String line, long lineNo) {
    List<String> fields = new ArrayList<>(8);
    int at = 0;
    while (true) {
      if (at < line.length() && line.charAt(at) == '"') {
        StringBuilder field = new StringBuilder();
        int closing = at + 1;
        while (true) {
          int quote = line.indexOf('"', closing);
          if (quote < 0) {
            throw new FormatException(lineNo, "unterminated quoted field");
          }
          field.append(line, closing, quote);
          if (quote + 1 < line.length() && line.charAt(quote + 1) == '"') {
            field.append('"');
            closing = quote + 2;
          } else {
            at = quote + 1;
            break;
          }
        }
        fields.add(field.toString());
        if (at == line.length()) {
          return fields;
        }
        if (line.charAt(at) != ',') {
          throw new FormatException(lineNo, "text after a closing quote");
        }
        at++;
      } else {
        int comma = line.indexOf(',', at);
        if (comma < 0) {
          fields.add(line.substring(at));
          return fields;
        }
        fields.add(line.substring(at, comma));
        at = comma + 1;
      }
    }
  }
}
