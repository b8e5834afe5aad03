package com.securecart.search.lucene;

import static com.securecart.search.lucene.Products.product;
import static com.securecart.search.lucene.Products.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes show up without a commit; commits survive a reopen with their cursor. */
class NearRealTimeAndCommitTest {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);

  @TempDir Path directory;

  @Test
  void anUpsertBecomesVisibleWithoutACommit() {
    try (LuceneSearchIndex index = new LuceneSearchIndex(directory)) {
      index.upsert(List.of(product(1, "Bosch Styline Kettle", "Bosch", "Kettles", 5_999, "")));

      await()
          .atMost(VISIBLE_WITHIN)
          .pollInterval(Duration.ofMillis(10))
          .until(() -> index.search(text("styline")).total() == 1);
      assertThat(index.size()).isEqualTo(1);
    }
  }

  @Test
  void anUpsertReplacesTheProductWithTheSameId() {
    try (LuceneSearchIndex index = new LuceneSearchIndex(directory)) {
      index.upsert(List.of(product(1, "Bosch Styline Kettle", "Bosch", "Kettles", 5_999, "")));
      index.upsert(List.of(product(1, "Bosch Sky Kettle", "Bosch", "Kettles", 8_999, "")));

      await()
          .atMost(VISIBLE_WITHIN)
          .pollInterval(Duration.ofMillis(10))
          .until(() -> index.search(text("sky")).total() == 1);
      assertThat(index.search(text("styline")).total()).isZero();
      assertThat(index.search(text("kettle")).hits())
          .singleElement()
          .satisfies(hit -> assertThat(hit.priceCents()).isEqualTo(8_999));
      assertThat(index.size()).isEqualTo(1);
    }
  }

  @Test
  void aDeleteRemovesAndClearRemovesEverything() {
    try (LuceneSearchIndex index = new LuceneSearchIndex(directory)) {
      index.upsert(RelevanceCatalog.PRODUCTS);
      index.refreshNow();
      assertThat(index.search(text("thinkpad")).total()).isEqualTo(1);

      index.delete(List.of(20L));
      await()
          .atMost(VISIBLE_WITHIN)
          .pollInterval(Duration.ofMillis(10))
          .until(() -> index.search(text("thinkpad")).total() == 0);
      assertThat(index.size()).isEqualTo(RelevanceCatalog.PRODUCTS.size() - 1);

      index.clear();
      await()
          .atMost(VISIBLE_WITHIN)
          .pollInterval(Duration.ofMillis(10))
          .until(() -> index.size() == 0);
      assertThat(index.search(text("")).total()).isZero();
    }
  }

  @Test
  void aNewIndexHasNoCursor() {
    try (LuceneSearchIndex index = new LuceneSearchIndex(directory)) {
      assertThat(index.committedCursor()).isEmpty();
      assertThat(index.size()).isZero();
    }
  }

  @Test
  void aCommitSurvivesAReopenWithItsCursor() {
    try (LuceneSearchIndex index = new LuceneSearchIndex(directory)) {
      index.upsert(RelevanceCatalog.PRODUCTS);
      index.commit(41);
      index.commit(42);
      assertThat(index.committedCursor()).isEqualTo(OptionalLong.of(42));
    }

    try (LuceneSearchIndex reopened = new LuceneSearchIndex(directory)) {
      assertThat(reopened.committedCursor()).isEqualTo(OptionalLong.of(42));
      assertThat(reopened.size()).isEqualTo(RelevanceCatalog.PRODUCTS.size());
      assertThat(reopened.search(text("thinkpad")).hits())
          .singleElement()
          .satisfies(hit -> assertThat(hit.id()).isEqualTo(20L));
    }
  }

  @Test
  void writesAfterTheLastCommitAreDroppedOnClose() {
    try (LuceneSearchIndex index = new LuceneSearchIndex(directory)) {
      index.upsert(List.of(product(1, "Committed Kettle", "Bosch", "Kettles", 5_999, "")));
      index.commit(7);
      index.upsert(List.of(product(2, "Uncommitted Kettle", "Bosch", "Kettles", 5_999, "")));
      index.delete(List.of(1L));
    }

    // The cursor and the documents agree: replaying the change log from 7 restores the rest.
    try (LuceneSearchIndex reopened = new LuceneSearchIndex(directory)) {
      assertThat(reopened.committedCursor()).isEqualTo(OptionalLong.of(7));
      assertThat(reopened.search(text("kettle")).hits())
          .singleElement()
          .satisfies(hit -> assertThat(hit.id()).isEqualTo(1L));
    }
  }

  @Test
  void closeIsIdempotent() {
    LuceneSearchIndex index = new LuceneSearchIndex(directory);
    index.close();

    assertThatCode(index::close).doesNotThrowAnyException();
  }
}
