package com.securecart.server.demo;

import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.ProductDetails;
import com.securecart.shared.Money;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic demo catalog: the same seed gives the same products on every machine, so
 * examples, tests and benchmarks can name them. Products spread over realistic categories, brands
 * and price ranges, with stock.
 */
public final class DemoCatalog {
  private static final System.Logger LOG = System.getLogger(DemoCatalog.class.getName());
  private static final int BATCH = 1_000;

  record Kind(
      String category, List<String> brands, List<String> nouns, long minCents, long maxCents) {}

  static final List<Kind> KINDS =
      List.of(
          new Kind(
              "Laptops",
              List.of("Lenovo", "Dell", "Apple", "Asus", "Acer", "HP"),
              List.of("Laptop", "Notebook", "Ultrabook", "Chromebook"),
              29_900,
              349_900),
          new Kind(
              "Phones",
              List.of("Samsung", "Apple", "Google", "Xiaomi", "Motorola", "Nokia"),
              List.of("Smartphone", "Phone"),
              9_900,
              179_900),
          new Kind(
              "Headphones",
              List.of("Sony", "Bose", "Sennheiser", "JBL", "Audio-Technica"),
              List.of("Headphones", "Earbuds", "Headset"),
              1_999,
              49_999),
          new Kind(
              "Running Shoes",
              List.of("Nike", "Adidas", "Asics", "Brooks", "Hoka", "Saucony"),
              List.of("Running Shoe", "Trail Shoe", "Trainer"),
              4_999,
              24_999),
          new Kind(
              "Jackets",
              List.of("Patagonia", "The North Face", "Columbia", "Arc'teryx"),
              List.of("Rain Jacket", "Down Jacket", "Fleece", "Softshell"),
              5_999,
              59_999),
          new Kind(
              "Coffee",
              List.of("Lavazza", "Illy", "Starbucks", "Peet's", "Kicking Horse"),
              List.of("Espresso Beans", "Ground Coffee", "Coffee Pods"),
              599,
              3_999),
          new Kind(
              "Kitchen",
              List.of("KitchenAid", "Tefal", "Le Creuset", "OXO", "Zwilling"),
              List.of("Frying Pan", "Chef's Knife", "Stand Mixer", "Dutch Oven", "Kettle"),
              1_499,
              59_999),
          new Kind(
              "Books",
              List.of("Penguin", "O'Reilly", "Manning", "HarperCollins", "Vintage"),
              List.of("Novel", "Cookbook", "Programming Guide", "Biography"),
              799,
              6_999),
          new Kind(
              "Toys",
              List.of("LEGO", "Hasbro", "Mattel", "Playmobil", "Ravensburger"),
              List.of("Building Set", "Board Game", "Puzzle", "Action Figure"),
              999,
              29_999),
          new Kind(
              "Cameras",
              List.of("Canon", "Nikon", "Sony", "Fujifilm", "GoPro"),
              List.of("Mirrorless Camera", "Action Camera", "Lens", "Compact Camera"),
              19_900,
              299_900),
          new Kind(
              "Watches",
              List.of("Garmin", "Casio", "Seiko", "Fossil", "Withings"),
              List.of("Smartwatch", "Sports Watch", "Dive Watch"),
              4_999,
              89_999),
          new Kind(
              "Garden",
              List.of("Gardena", "Bosch", "Fiskars", "Husqvarna"),
              List.of("Hose", "Pruner", "Lawn Mower", "Leaf Blower"),
              1_499,
              79_999));

  private static final List<String> ADJECTIVES =
      List.of(
          "Classic",
          "Pro",
          "Lite",
          "Ultra",
          "Essential",
          "Premium",
          "Compact",
          "Sport",
          "Eco",
          "Max",
          "Air",
          "Prime",
          "Studio",
          "Travel",
          "Urban",
          "Trail");
  private static final List<String> COLOURS =
      List.of("Black", "White", "Silver", "Blue", "Red", "Green", "Grey", "Navy", "Orange", "Sand");

  private DemoCatalog() {}

  /** The i-th demo product, the same on every run. */
  public static ProductDetails product(int i) {
    SplittableRandom random = new SplittableRandom(0x5EC0_CA27L * 31 + i);
    Kind kind = KINDS.get(i % KINDS.size());
    String brand = kind.brands().get(random.nextInt(kind.brands().size()));
    String noun = kind.nouns().get(random.nextInt(kind.nouns().size()));
    String adjective = ADJECTIVES.get(random.nextInt(ADJECTIVES.size()));
    String colour = COLOURS.get(random.nextInt(COLOURS.size()));
    int model = 100 + random.nextInt(900);
    long cents = kind.minCents() + random.nextLong(kind.maxCents() - kind.minCents());
    cents = cents / 100 * 100 + 99;
    String name = brand + " " + adjective + " " + noun + " " + model;
    String lowerAdjective = adjective.toLowerCase(java.util.Locale.ROOT);
    String article = "aeiou".indexOf(lowerAdjective.charAt(0)) >= 0 ? "an " : "a ";
    String description =
        "The "
            + name
            + " in "
            + colour.toLowerCase(java.util.Locale.ROOT)
            + ": "
            + article
            + lowerAdjective
            + " "
            + noun.toLowerCase(java.util.Locale.ROOT)
            + " from "
            + brand
            + ", part of our "
            + kind.category().toLowerCase(java.util.Locale.ROOT)
            + " range.";
    return new ProductDetails(
        String.format("DEMO-%07d", i),
        name,
        description,
        brand,
        kind.category(),
        new Money(cents, java.util.Currency.getInstance("EUR")),
        Map.of("colour", colour, "model", String.valueOf(model)),
        "https://images.securecart.dev/demo/" + i + ".jpg");
  }

  public static int stock(int i) {
    SplittableRandom random = new SplittableRandom(0xC0FFEEL * 17 + i);
    return random.nextInt(10) == 0 ? 0 : 5 + random.nextInt(500);
  }

  /** Loads products 0..count-1 unless the catalog already holds products. Logs progress. */
  public static void seed(CatalogApi catalog, int count) {
    if (count == 0 || catalog.count() > 0) {
      return;
    }
    LOG.log(System.Logger.Level.INFO, "seeding {0} demo products", count);
    for (int start = 0; start < count; start += BATCH) {
      Map<ProductDetails, Integer> batch = new LinkedHashMap<>();
      for (int i = start; i < Math.min(count, start + BATCH); i++) {
        batch.put(product(i), stock(i));
      }
      try {
        catalog.importProducts(batch);
      } catch (RuntimeException e) {
        if (start == 0 && catalog.count() > 0) {
          LOG.log(System.Logger.Level.INFO, "another instance is seeding the demo catalog");
          return;
        }
        throw e;
      }
      int done = Math.min(count, start + BATCH);
      if (done % Math.max(BATCH, count / 10 / BATCH * BATCH) == 0 || done == count) {
        LOG.log(System.Logger.Level.INFO, "seeded {0}/{1} demo products", done, count);
      }
    }
  }
}
