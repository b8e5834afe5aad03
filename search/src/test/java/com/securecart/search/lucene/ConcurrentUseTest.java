package com.securecart.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.search.IndexedProduct;
import com.securecart.search.SearchQuery;
import com.securecart.search.SearchSort;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Searches and writes at the same time: no failure, and every write lands. */
class ConcurrentUseTest {
  @Test
  void searchesDoNotQueueOnTheQueryCacheLock() {
    try (LuceneSearchIndex index = LuceneSearchIndex.inMemory()) {
      index.upsert(RandomCatalog.generate(5, 10));
      index.refreshNow();

      assertThat(index.usesQueryCache()).isFalse();
    }
  }

  @Test
  void searchesRunWhileProductsAreWritten() throws Exception {
    List<IndexedProduct> products = RandomCatalog.generate(5, 2_000);
    try (LuceneSearchIndex index = LuceneSearchIndex.inMemory();
        ExecutorService pool = Executors.newFixedThreadPool(5)) {
      List<Future<?>> tasks = new ArrayList<>();
      tasks.add(
          pool.submit(
              () -> {
                for (int from = 0; from < products.size(); from += 50) {
                  index.upsert(products.subList(from, from + 50));
                  if (from % 500 == 0) {
                    index.commit(from);
                  }
                }
                index.delete(List.of(1L, 2L, 3L));
              }));
      for (int t = 0; t < 4; t++) {
        int seed = t;
        tasks.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 300; i++) {
                    String word =
                        RandomCatalog.WORDS.get((seed * 7 + i) % RandomCatalog.WORDS.size());
                    SearchSort sort = SearchSort.values()[i % SearchSort.values().length];
                    var result =
                        index.search(
                            new SearchQuery(
                                word + " " + word.substring(0, 3),
                                null,
                                null,
                                null,
                                null,
                                i % 2 == 0,
                                sort,
                                null));
                    assertThat(result.total()).isNotNegative();
                    assertThat(index.suggest(word.substring(0, 2), 5)).hasSizeLessThanOrEqualTo(5);
                  }
                }));
      }
      for (Future<?> task : tasks) {
        task.get();
      }
      index.refreshNow();

      assertThat(index.size()).isEqualTo(products.size() - 3);
    }
  }
}
