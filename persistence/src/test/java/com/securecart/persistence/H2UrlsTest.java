package com.securecart.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every embedded database gets the same PostgreSQL-like settings, whatever builds its URL. */
class H2UrlsTest {
  @Test
  void fileAndMemoryDatabasesShareThePostgresLikeSettings() {
    for (String url : new String[] {H2Urls.file(Path.of("data", "db")), H2Urls.memory("x")}) {
      assertThat(url)
          .contains(";MODE=PostgreSQL;")
          .contains(";DATABASE_TO_LOWER=TRUE;")
          .contains(";DEFAULT_NULL_ORDERING=HIGH;");
    }
  }

  @Test
  void aFileDatabaseIsNamedByItsAbsolutePathAndClosedByItsOwner() {
    assertThat(H2Urls.file(Path.of("data", "db")))
        .startsWith("jdbc:h2:file:" + Path.of("data", "db").toAbsolutePath() + ";")
        .endsWith(";DB_CLOSE_ON_EXIT=FALSE");
    assertThat(H2Urls.memory("sc_1"))
        .startsWith("jdbc:h2:mem:sc_1;")
        .endsWith(";DB_CLOSE_DELAY=-1");
  }
}
