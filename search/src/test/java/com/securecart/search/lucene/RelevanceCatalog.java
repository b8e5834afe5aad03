package com.securecart.search.lucene;

import static com.securecart.search.lucene.Products.product;

import com.securecart.search.IndexedProduct;
import java.util.List;

/** A small shop with realistic names and descriptions, for relevance tests. */
final class RelevanceCatalog {
  static final String SHOES = "Running Shoes";
  static final String LAPTOPS = "Laptops";
  static final String HEADPHONES = "Headphones";
  static final String KETTLES = "Kettles";
  static final String MACHINES = "Coffee Machines";

  /** id | name | brand | category | price in cents | description */
  private static final String ROWS =
      """
      1 | Nike Pegasus 41 Running Shoe | Nike | Running Shoes | 13999 | Responsive cushioning for daily road running. Breathable engineered mesh upper.
      2 | Nike Vaporfly 3 Racing Shoe | Nike | Running Shoes | 25999 | Carbon plate racing shoe for marathon and 10k race day.
      3 | Nike Invincible 3 Running Shoe | Nike | Running Shoes | 17999 | Maximum cushioning for easy recovery runs on the road.
      4 | Adidas Adizero Boston 12 | Adidas | Running Shoes | 15999 | Lightweight shoe for tempo training with energy rods.
      5 | Adidas Ultraboost Light Running Shoes | Adidas | Running Shoes | 18999 | Boost cushioning with a knit upper for comfortable daily runs.
      6 | Asics Gel-Kayano 31 | Asics | Running Shoes | 16999 | Stability shoe with gel cushioning for overpronation.
      7 | Asics Gel-Nimbus 26 | Asics | Running Shoes | 17999 | Soft neutral cushioning for long distances.
      8 | Brooks Ghost 16 Running Shoe | Brooks | Running Shoes | 13999 | Smooth neutral ride for everyday miles.
      9 | Hoka Clifton 9 | Hoka | Running Shoes | 14499 | Light and cushioned neutral shoe for road runs.
      10 | Hoka Speedgoat 6 Trail Running Shoe | Hoka | Running Shoes | 15499 | Grippy Vibram outsole for technical mountain trails.
      11 | Saucony Endorphin Speed 4 | Saucony | Running Shoes | 16999 | Nylon plate for fast training days.
      20 | Lenovo ThinkPad X1 Carbon Gen 12 | Lenovo | Laptops | 189900 | 14 inch business laptop with Intel Core Ultra and 32 GB RAM.
      21 | Lenovo IdeaPad Slim 5 | Lenovo | Laptops | 69900 | Slim 16 inch laptop for home and study.
      22 | Dell XPS 13 Laptop | Dell | Laptops | 129900 | Compact premium laptop with an InfinityEdge display.
      23 | Dell Inspiron 15 | Dell | Laptops | 59900 | Everyday 15 inch laptop with a full keyboard.
      24 | Apple MacBook Air 13 M3 | Apple | Laptops | 129900 | Thin and light laptop with the Apple M3 chip and all-day battery.
      25 | Apple MacBook Pro 14 M4 Pro | Apple | Laptops | 239900 | Pro laptop for creative work, Liquid Retina XDR display.
      26 | Asus ZenBook 14 OLED | Asus | Laptops | 99900 | Light 14 inch laptop with an OLED screen.
      27 | Asus ROG Zephyrus G14 Gaming Laptop | Asus | Laptops | 199900 | Gaming laptop with a GeForce RTX graphics card.
      28 | HP Spectre x360 14 | HP | Laptops | 149900 | Convertible laptop with a touch screen and pen.
      29 | HP Pavilion 15 | HP | Laptops | 64900 | Affordable laptop for everyday tasks.
      40 | Sony WH-1000XM5 Wireless Noise Cancelling Headphones | Sony | Headphones | 37999 | Industry-leading noise cancelling with 30 hours of battery.
      41 | Sony WF-1000XM5 Wireless Earbuds | Sony | Headphones | 29999 | Small noise cancelling earbuds with a charging case.
      42 | Sony MDR-7506 Studio Headphones | Sony | Headphones | 9999 | Closed-back monitor headphones for studio and field recording.
      43 | Bose QuietComfort Ultra Headphones | Bose | Headphones | 44999 | Immersive audio and world-class noise cancelling.
      44 | Bose QuietComfort Earbuds II | Bose | Headphones | 27999 | True wireless earbuds with personalised noise cancelling.
      45 | Sennheiser Momentum 4 Wireless | Sennheiser | Headphones | 29999 | Over-ear headphones with 60 hours of battery life.
      46 | Sennheiser HD 600 Open Back Headphones | Sennheiser | Headphones | 34999 | Reference open-back headphones for critical listening.
      47 | JBL Tune 760NC Headphones | JBL | Headphones | 9999 | Foldable wireless headphones with active noise cancelling.
      48 | Apple AirPods Pro 2 | Apple | Headphones | 27900 | In-ear earbuds with adaptive audio and a USB-C case.
      49 | Beyerdynamic DT 770 Pro Studio Headphones | Beyerdynamic | Headphones | 15999 | Closed studio headphones for mixing and tracking.
      60 | Lavazza Qualità Rossa Ground Coffee 250g | Lavazza | Coffee | 499 | Full-bodied blend of Arabica and Robusta for the moka pot.
      61 | Lavazza Super Crema Espresso Beans 1kg | Lavazza | Coffee | 2199 | Mild and creamy whole bean blend for espresso.
      62 | Illy Classico Ground Espresso | Illy | Coffee | 899 | Medium roast, notes of caramel, orange blossom and jasmine.
      63 | Café de Colombia Supremo Whole Beans | Juan Valdez | Coffee | 1299 | Single origin Colombian coffee with a bright, balanced cup.
      64 | Kimbo Espresso Napoletano Beans | Kimbo | Coffee | 1599 | Intense dark roast in the Neapolitan tradition.
      65 | Starbucks House Blend Ground Coffee | Starbucks | Coffee | 799 | Medium roast with notes of toffee and dusted cocoa.
      66 | Segafredo Intermezzo Espresso Beans | Segafredo | Coffee | 1399 | Full-bodied Italian espresso blend.
      67 | Ethiopia Yirgacheffe Single Origin Beans | Roastery Ten | Coffee | 1699 | Floral light roast, ideal for pour-over and filter.
      80 | Bosch Styline Electric Kettle 1.7 L | Bosch | Kettles | 5999 | Cordless kettle with a limescale filter.
      81 | Russell Hobbs Luna Electric Kettle | Russell Hobbs | Kettles | 3999 | Quiet boil kettle with a brushed finish.
      82 | Smeg 50s Style Electric Kettle | Smeg | Kettles | 16999 | Retro design kettle in pastel colours.
      83 | Philips Series 5000 Kettle | Philips | Kettles | 4999 | 1.7 litre kettle with a spring lid.
      84 | Fellow Stagg EKG Electric Pour-Over Kettle | Fellow | Kettles | 17999 | Gooseneck kettle with precise temperature control for pour over coffee.
      85 | Le Creuset Stovetop Whistling Kettle | Le Creuset | Kettles | 11999 | Enamelled steel kettle for gas, electric and induction hobs.
      86 | Russell Hobbs Inspire Variable Temperature Kettle | Russell Hobbs | Kettles | 4999 | Choose the temperature for green tea or coffee.
      100 | De'Longhi Dedica Espresso Machine | De'Longhi | Coffee Machines | 19999 | Slim pump espresso machine with a milk frother.
      101 | Breville Barista Express Espresso Machine | Breville | Coffee Machines | 59999 | Espresso machine with a built-in conical burr grinder.
      102 | Sage Bambino Plus | Sage | Coffee Machines | 39999 | Compact espresso machine with automatic milk texturing.
      103 | Philips 3200 Fully Automatic Espresso Machine | Philips | Coffee Machines | 44999 | Bean to cup machine with LatteGo milk system.
      104 | Nespresso Vertuo Next Coffee Machine | Nespresso | Coffee Machines | 12999 | Capsule coffee machine for espresso and mug sizes.
      105 | Bialetti Moka Express Stovetop Espresso Maker | Bialetti | Coffee Machines | 3499 | Classic aluminium moka pot for six cups.
      120 | Samsonite Laptop Backpack 15.6 inch | Samsonite | Bags | 8999 | Padded laptop compartment and water-repellent fabric.
      121 | Nike Dri-FIT Running Socks 3-Pack | Nike | Running Apparel | 1999 | Cushioned socks for running.
      122 | Garmin Forerunner 265 Running Watch | Garmin | Watches | 44999 | GPS watch with an AMOLED display and training readiness.
      123 | Baratza Encore Conical Burr Coffee Grinder | Baratza | Coffee Accessories | 14999 | Entry-level grinder for filter coffee.
      124 | Satechi Aluminium Headphone Stand | Satechi | Accessories | 3999 | Keeps your headset tidy on the desk.
      125 | Kettler Table Tennis Bat | Kettler | Sports | 2499 | Bat for recreational table tennis.
      126 | Bialetti Milk Frother | Bialetti | Coffee Accessories | 2999 | Makes creamy foam for cappuccino <b>at home</b> & more.
      """;

  static final List<IndexedProduct> PRODUCTS =
      ROWS.lines()
          .map(line -> line.split("\\|"))
          .map(
              f ->
                  product(
                      Long.parseLong(f[0].strip()),
                      f[1].strip(),
                      f[2].strip(),
                      f[3].strip(),
                      Long.parseLong(f[4].strip()),
                      f[5].strip()))
          .toList();

  private RelevanceCatalog() {}
}
