package com.securecart.server.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the Online Retail data does not say, decided by fixed rules so that every load gives the
 * same shop: which stock codes are goods, the readable name, the category and the brand, the stock
 * on hand and the ISO code of a country. The README's "Demo data" section lists them for shoppers.
 */
final class RetailCatalogRules {
  /**
   * Goods: five digits and up to two letters (85123A, 15056BL), or the web shop's own DCGS codes.
   * Everything else is a charge, a fee or a voucher: POST, DOT, C2, D, M, S, B, PADS, CRUK,
   * AMAZONFEE, BANK CHARGES, gift_0001_20...
   */
  private static final Pattern PRODUCT_CODE = Pattern.compile("[0-9]{5}[A-Z]{0,2}|DCGS[0-9A-Z]+");

  /** Postage and carriage: the shipping of an order rather than goods. */
  private static final Set<String> SHIPPING_CODES = Set.of("POST", "DOT", "C2");

  static final String OTHER = "Other";

  /** A keyword ending in * matches every word it starts; the first rule with a match wins. */
  record CategoryRule(String category, Set<String> words, List<String> prefixes) {
    static CategoryRule of(String category, String keywords) {
      List<String> all = Arrays.asList(keywords.split(" "));
      return new CategoryRule(
          category,
          Set.copyOf(all.stream().filter(k -> !k.endsWith("*")).toList()),
          all.stream()
              .filter(k -> k.endsWith("*"))
              .map(k -> k.substring(0, k.length() - 1))
              .toList());
    }

    boolean matches(String word) {
      if (words.contains(word)) {
        return true;
      }
      for (String prefix : prefixes) {
        if (word.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }
  }

  static final List<CategoryRule> CATEGORIES =
      List.of(
          CategoryRule.of(
              "Christmas",
              "CHRISTMAS XMAS ADVENT SANTA REINDEER SNOWFLAKE* SNOWMAN NATIVITY BAUBLE* TINSEL"
                  + " WREATH* ELF STOCKING"),
          CategoryRule.of(
              "Jewellery",
              "NECKLACE* BRACELET* EARRING* RING RINGS CHARM CHARMS PENDANT* BROOCH* DIAMANTE BEAD"
                  + " BEADS BEADED BANGLE* HAIR HAIRCLIP* JEWELLED JEWELLERY TIARA* CHOKER"),
          CategoryRule.of(
              "Party", "PARTY BIRTHDAY BALLOON* BUNTING CANDY CONFETTI NAPKIN* STRAW STRAWS"),
          CategoryRule.of(
              "Bags", "BAG BAGS PURSE* HANDBAG* SHOPPER TOTE WALLET* BACKPACK RUCKSACK WASHBAG"),
          CategoryRule.of(
              "Candles & Lights",
              "CANDLE* LIGHT LIGHTS TEALIGHT* LANTERN* LAMP* NIGHTLIGHT LED INCENSE OIL BURNER"
                  + " WARMER BULB*"),
          CategoryRule.of(
              "Kitchen & Baking",
              "CAKE CAKES CAKESTAND* BAKING MUG MUGS CUP CUPS TEACUP* TEAPOT* TEA COFFEE PLATE*"
                  + " BOWL* JAM JUG* CUTLERY KITCHEN APRON* OVEN PANTRY LUNCH RECIPE SPOON*"
                  + " TEATOWEL* TOWEL* PAN CASES JAR JARS BOTTLE* BISCUIT* EGG DISH* TRAY* TUMBLER*"
                  + " BEAKER* GLASS GLASSES FOOD PICNIC SAUCER* STORAGE CANISTER* COASTER*"),
          CategoryRule.of(
              "Cards & Wrap",
              "CARD CARDS WRAP WRAPS WRAPPING GIFT TAG TAGS TISSUE TISSUES RIBBON* ENVELOPE*"
                  + " GREETING"),
          CategoryRule.of(
              "Stationery",
              "NOTEBOOK* PEN PENS PENCIL* ERASER* STICKER* STATIONERY NOTEPAD* BOOK BOOKS DIARY"
                  + " JOURNAL PAPER TAPE CALENDAR MEMO CRAYON* CHALK* RULER* SHARPENER*"),
          CategoryRule.of(
              "Toys & Games",
              "TOY TOYS GAME GAMES JIGSAW* PUZZLE* DOLL DOLLS DOLLY SKIPPING KIT KITS BALL SPINNING"
                  + " SNAKES LADDERS DOMINOES PLAY* TEDDY SOFT FELTCRAFT MAGIC PUPPET*"),
          CategoryRule.of(
              "Garden",
              "GARDEN* PLANT* PLANTER* FLOWERPOT* POT POTS WATERING BIRD* TROWEL SEED* HEN"
                  + " GNOME* PARASOL UMBRELLA* SPADE HERB*"),
          CategoryRule.of(
              "Home Decor",
              "HEART HEARTS HANGING DECORATION* FRAME* MIRROR* CLOCK* SIGN SIGNS CUSHION* DOORMAT*"
                  + " DOORSTOP* CABINET* DRAWER* KNOB* HOOK* HANGER* WALL TILE* VASE* ORNAMENT*"
                  + " PHOTO BOX BOXES BASKET* GARLAND* COVER* THROW QUILT BLANKET* CURTAIN* DOOR"
                  + " HOME HOUSE CHANDELIER* TRINKET STAND"));

  /** A design line the descriptions name, and the phrases (upper-case words) that name it. */
  record BrandLine(String brand, List<String> phrases) {
    static BrandLine of(String brand, String... phrases) {
      return new BrandLine(
          brand, phrases.length == 0 ? List.of(brand.toUpperCase(Locale.ROOT)) : List.of(phrases));
    }
  }

  /**
   * Design lines as brands: the first line whose phrase a description holds (as whole words);
   * everything else is the shop's own {@link #HOUSE_BRAND}. Specific lines come before the general
   * "Vintage".
   */
  static final List<BrandLine> BRAND_LINES =
      List.of(
          BrandLine.of("Retrospot"),
          BrandLine.of("Regency"),
          BrandLine.of("Spaceboy"),
          BrandLine.of("Dolly Girl", "DOLLY GIRL", "DOLLYGIRL"),
          BrandLine.of("Woodland"),
          BrandLine.of("Paisley Park"),
          BrandLine.of("Charlie and Lola", "CHARLIE LOLA", "CHARLIE AND LOLA"),
          BrandLine.of("Babushka"),
          BrandLine.of("Feltcraft"),
          BrandLine.of("Pantry"),
          BrandLine.of("Sweetheart"),
          BrandLine.of("Baroque"),
          BrandLine.of("Folkart"),
          BrandLine.of("Bakelike"),
          BrandLine.of("Skulls", "SKULL", "SKULLS"),
          BrandLine.of("Polkadot", "POLKADOT", "POLKA DOT"),
          BrandLine.of("Gingham"),
          BrandLine.of("Doily", "DOILY", "DOILIES"),
          BrandLine.of("Rose du Sud"),
          BrandLine.of("Magic Garden"),
          BrandLine.of("Suki"),
          BrandLine.of("Boudicca"),
          BrandLine.of("Circus Parade"),
          BrandLine.of("Tutti Frutti"),
          BrandLine.of("Vintage"));

  static final String HOUSE_BRAND = "Online Retail";

  /** Words kept upper-case in names. */
  private static final Set<String> ACRONYMS =
      Set.of("LED", "USB", "UK", "DIY", "RSPB", "CD", "DVD");

  /** Words kept lower-case inside names. */
  private static final Set<String> SMALL_WORDS =
      Set.of("a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to", "with");

  /** The data's country names as ISO 3166 codes; names it does not know ship from the UK. */
  private static final Map<String, String> COUNTRIES =
      Map.ofEntries(
          Map.entry("UNITED KINGDOM", "GB"),
          Map.entry("GERMANY", "DE"),
          Map.entry("FRANCE", "FR"),
          Map.entry("EIRE", "IE"),
          Map.entry("SPAIN", "ES"),
          Map.entry("NETHERLANDS", "NL"),
          Map.entry("BELGIUM", "BE"),
          Map.entry("SWITZERLAND", "CH"),
          Map.entry("PORTUGAL", "PT"),
          Map.entry("AUSTRALIA", "AU"),
          Map.entry("NORWAY", "NO"),
          Map.entry("ITALY", "IT"),
          Map.entry("CHANNEL ISLANDS", "JE"),
          Map.entry("FINLAND", "FI"),
          Map.entry("CYPRUS", "CY"),
          Map.entry("SWEDEN", "SE"),
          Map.entry("AUSTRIA", "AT"),
          Map.entry("DENMARK", "DK"),
          Map.entry("JAPAN", "JP"),
          Map.entry("POLAND", "PL"),
          Map.entry("ISRAEL", "IL"),
          Map.entry("USA", "US"),
          Map.entry("HONG KONG", "HK"),
          Map.entry("SINGAPORE", "SG"),
          Map.entry("ICELAND", "IS"),
          Map.entry("CANADA", "CA"),
          Map.entry("GREECE", "GR"),
          Map.entry("MALTA", "MT"),
          Map.entry("UNITED ARAB EMIRATES", "AE"),
          Map.entry("RSA", "ZA"),
          Map.entry("LEBANON", "LB"),
          Map.entry("LITHUANIA", "LT"),
          Map.entry("BRAZIL", "BR"),
          Map.entry("CZECH REPUBLIC", "CZ"),
          Map.entry("BAHRAIN", "BH"),
          Map.entry("SAUDI ARABIA", "SA"));

  private RetailCatalogRules() {}

  /** The SKU a stock code becomes: the data writes some codes in lower case (85123a). */
  static String sku(String stockCode) {
    return stockCode.strip().toUpperCase(Locale.ROOT);
  }

  /** Whether a stock code is goods rather than postage, a fee, a discount or a voucher. */
  static boolean isProduct(String stockCode) {
    return PRODUCT_CODE.matcher(sku(stockCode)).matches();
  }

  /** Whether a stock code is postage or carriage, counted as an order's shipping. */
  static boolean isShipping(String stockCode) {
    return SHIPPING_CODES.contains(sku(stockCode));
  }

  /** The words of a description, upper-case, split on everything that is not a letter or digit. */
  private static List<String> words(String description) {
    return Arrays.stream(description.toUpperCase(Locale.ROOT).split("[^A-Z0-9]+"))
        .filter(w -> !w.isEmpty())
        .toList();
  }

  static String category(String description) {
    List<String> words = words(description);
    for (CategoryRule rule : CATEGORIES) {
      for (String word : words) {
        if (rule.matches(word)) {
          return rule.category();
        }
      }
    }
    return OTHER;
  }

  static String brand(String description) {
    String spaced = " " + String.join(" ", words(description)) + " ";
    for (BrandLine line : BRAND_LINES) {
      for (String phrase : line.phrases()) {
        if (spaced.contains(" " + phrase + " ")) {
          return line.brand();
        }
      }
    }
    return HOUSE_BRAND;
  }

  /**
   * A description in readable case: "WHITE HANGING HEART T-LIGHT HOLDER" -> "White Hanging Heart
   * T-Light Holder". Words already in mixed case stay as they are; a few acronyms stay upper-case,
   * short joining words lower-case.
   */
  static String displayName(String description) {
    String[] words = description.strip().split("\\s+");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      if (word.isEmpty()) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append(' ');
      }
      String lower = word.toLowerCase(Locale.ROOT);
      if (!word.equals(word.toUpperCase(Locale.ROOT)) || ACRONYMS.contains(word)) {
        out.append(word);
      } else if (i > 0 && SMALL_WORDS.contains(lower)) {
        out.append(lower);
      } else {
        out.append(capitalised(lower));
      }
    }
    String name = out.toString();
    return name.length() > 200 ? name.substring(0, 200).strip() : name;
  }

  /** Upper-cases each letter that follows something other than a letter or an apostrophe. */
  private static String capitalised(String lower) {
    StringBuilder out = new StringBuilder(lower.length());
    char previous = ' ';
    for (int i = 0; i < lower.length(); i++) {
      char ch = lower.charAt(i);
      boolean startsPart = !Character.isLetter(previous) && previous != '\'';
      out.append(startsPart && !Character.isDigit(previous) ? Character.toUpperCase(ch) : ch);
      previous = ch;
    }
    return out.toString();
  }

  /** Opening stock: one product in ten sold out, the rest 5 to 404, fixed per SKU. */
  static int openingStock(String sku) {
    int spread = Math.floorMod(sku.hashCode() * 0x9E3779B1, 1_000);
    return spread < 100 ? 0 : 5 + spread % 400;
  }

  /** The ISO 3166 alpha-2 code of one of the data's country names; GB for the unknown ones. */
  static String countryCode(String country) {
    return COUNTRIES.getOrDefault(country.strip().toUpperCase(Locale.ROOT), "GB");
  }
}
