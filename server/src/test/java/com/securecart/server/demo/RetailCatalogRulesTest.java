package com.securecart.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetailCatalogRulesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"85123A", "85123a", "71053", "15056BL", "15056bl", "DCGS0003", "DCGSSGIRL"})
  void goods(String code) {
    assertThat(RetailCatalogRules.isProduct(code)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST",
        "D",
        "M",
        "m",
        "DOT",
        "BANK CHARGES",
        "AMAZONFEE",
        "CRUK",
        "C2",
        "S",
        "PADS",
        "B",
        "gift_0001_20",
        "1234",
        "123456",
        "85123ABC"
      })
  void notGoods(String code) {
    assertThat(RetailCatalogRules.isProduct(code)).isFalse();
  }

  @Test
  void postageAndCarriageAreShipping() {
    assertThat(RetailCatalogRules.isShipping("POST")).isTrue();
    assertThat(RetailCatalogRules.isShipping("DOT")).isTrue();
    assertThat(RetailCatalogRules.isShipping("C2")).isTrue();
    assertThat(RetailCatalogRules.isShipping("M")).isFalse();
    assertThat(RetailCatalogRules.isShipping("85123A")).isFalse();
  }

  @Test
  void skusAreUpperCase() {
    assertThat(RetailCatalogRules.sku(" 85123a ")).isEqualTo("85123A");
  }

  /** The rules on real descriptions: name, category (first matching rule) and brand. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "WHITE HANGING HEART T-LIGHT HOLDER | White Hanging Heart T-Light Holder | Candles & Lights"
            + " | Online Retail",
        "CHRISTMAS LIGHTS 10 REINDEER | Christmas Lights 10 Reindeer | Christmas | Online Retail",
        "JUMBO BAG RED RETROSPOT | Jumbo Bag Red Retrospot | Bags | Retrospot",
        "LUNCH BAG RED RETROSPOT | Lunch Bag Red Retrospot | Bags | Retrospot",
        "PACK OF 72 RETROSPOT CAKE CASES | Pack of 72 Retrospot Cake Cases | Kitchen & Baking"
            + " | Retrospot",
        "REGENCY CAKESTAND 3 TIER | Regency Cakestand 3 Tier | Kitchen & Baking | Regency",
        "PARTY BUNTING | Party Bunting | Party | Online Retail",
        "SET/10 BLUE POLKADOT PARTY CANDLES | Set/10 Blue Polkadot Party Candles | Party | Polkadot",
        "DIAMANTE NECKLACE | Diamante Necklace | Jewellery | Online Retail",
        "PINK DROP EARRINGS W LEAF | Pink Drop Earrings W Leaf | Jewellery | Online Retail",
        "WRAP GREEN PEARS | Wrap Green Pears | Cards & Wrap | Online Retail",
        "SPACEBOY BIRTHDAY CARD | Spaceboy Birthday Card | Party | Spaceboy",
        "GREETING CARD,SQUARE, DOUGHNUTS | Greeting Card,Square, Doughnuts | Cards & Wrap"
            + " | Online Retail",
        "SMALL RED BABUSHKA NOTEBOOK | Small Red Babushka Notebook | Stationery | Babushka",
        "12 PENCILS TALL TUBE SKULLS | 12 Pencils Tall Tube Skulls | Stationery | Skulls",
        "VINTAGE SNAKES & LADDERS | Vintage Snakes & Ladders | Toys & Games | Vintage",
        "FELTCRAFT DOLL MARIA | Feltcraft Doll Maria | Toys & Games | Feltcraft",
        "FROG SOCK PUPPET | Frog Sock Puppet | Toys & Games | Online Retail",
        "VINTAGE ZINC WATERING CAN SMALL | Vintage Zinc Watering Can Small | Garden | Vintage",
        "SWEETHEART BIRD HOUSE | Sweetheart Bird House | Garden | Sweetheart",
        "ALARM CLOCK BAKELIKE GREEN | Alarm Clock Bakelike Green | Home Decor | Bakelike",
        "DOORMAT KEEP CALM AND COME IN | Doormat Keep Calm and Come in | Home Decor | Online Retail",
        "CHARLIE+LOLA RED HOT WATER BOTTLE | Charlie+Lola Red Hot Water Bottle | Kitchen & Baking"
            + " | Charlie and Lola",
        "CHARLIE AND LOLA TABLE TINS | Charlie and Lola Table Tins | Other | Charlie and Lola",
        "PLAYING CARDS VINTAGE DOILY | Playing Cards Vintage Doily | Cards & Wrap | Doily",
        "SET OF 9 BLACK SKULL BALLOONS | Set of 9 Black Skull Balloons | Party | Skulls",
        "BLUE POLKA DOT CUP | Blue Polka Dot Cup | Kitchen & Baking | Polkadot",
        "SET OF 10 LED DOLLY LIGHTS | Set of 10 LED Dolly Lights | Candles & Lights | Online Retail",
        "BAG 125G SWIRLY MARBLES | Bag 125g Swirly Marbles | Bags | Online Retail",
        "POPPY'S PLAYHOUSE BEDROOM | Poppy's Playhouse Bedroom | Toys & Games | Online Retail",
        "THE KING GIFT BAG 50'S | The King Gift Bag 50's | Bags | Online Retail",
        "SET OF 3 PINK FLYING DUCKS | Set of 3 Pink Flying Ducks | Other | Online Retail",
        "Dotcomgiftshop Gift Voucher | Dotcomgiftshop Gift Voucher | Cards & Wrap | Online Retail"
      })
  void rules(String description, String name, String category, String brand) {
    assertThat(RetailCatalogRules.displayName(description)).isEqualTo(name);
    assertThat(RetailCatalogRules.category(description)).isEqualTo(category);
    assertThat(RetailCatalogRules.brand(description)).isEqualTo(brand);
  }

  @Test
  void anEmptyDescriptionIsOtherOfTheHouseBrand() {
    assertThat(RetailCatalogRules.category("")).isEqualTo(RetailCatalogRules.OTHER);
    assertThat(RetailCatalogRules.brand("")).isEqualTo(RetailCatalogRules.HOUSE_BRAND);
    // Whole words only: SUKIYAKI is not the Suki line.
    assertThat(RetailCatalogRules.brand("SUKIYAKI BOWL")).isEqualTo(RetailCatalogRules.HOUSE_BRAND);
  }

  @Test
  void keywordsMatchWholeWordsOrMarkedPrefixes() {
    // TEA is a keyword, TEAR is not a word that starts a rule; RINGS is listed, RINGO is not.
    assertThat(RetailCatalogRules.category("TEAR DROP")).isEqualTo(RetailCatalogRules.OTHER);
    assertThat(RetailCatalogRules.category("RINGO STARR")).isEqualTo(RetailCatalogRules.OTHER);
    // CANDLE* covers CANDLEHOLDER.
    assertThat(RetailCatalogRules.category("SMALL ZINC/GLASS CANDLEHOLDER"))
        .isEqualTo("Candles & Lights");
  }

  @Test
  void namesLoseExtraSpacesAndStopAt200Characters() {
    assertThat(RetailCatalogRules.displayName("  JUMBO   BAG  ")).isEqualTo("Jumbo Bag");
    assertThat(RetailCatalogRules.displayName("HEART ".repeat(60))).hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void openingStockIsFixedPerSkuAndSomeAreSoldOut() {
    assertThat(RetailCatalogRules.openingStock("85123A"))
        .isEqualTo(RetailCatalogRules.openingStock("85123A"));
    Set<Integer> levels = new HashSet<>();
    long soldOut =
        IntStream.range(20_000, 24_000)
            .map(code -> RetailCatalogRules.openingStock(Integer.toString(code)))
            .peek(levels::add)
            .filter(n -> n == 0)
            .count();
    assertThat(soldOut).isBetween(300L, 500L);
    assertThat(levels).allMatch(n -> n == 0 || (n >= 5 && n <= 404));
    assertThat(levels).hasSizeGreaterThan(300);
  }

  @Test
  void countriesBecomeIsoCodes() {
    assertThat(RetailCatalogRules.countryCode("United Kingdom")).isEqualTo("GB");
    assertThat(RetailCatalogRules.countryCode("EIRE")).isEqualTo("IE");
    assertThat(RetailCatalogRules.countryCode("RSA")).isEqualTo("ZA");
    assertThat(RetailCatalogRules.countryCode("Channel Islands")).isEqualTo("JE");
    assertThat(RetailCatalogRules.countryCode("Unspecified")).isEqualTo("GB");
    assertThat(RetailCatalogRules.countryCode("European Community")).isEqualTo("GB");
  }
}
