package com.securecart.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.audit.AuditApi;
import com.securecart.audit.AuditRepository;
import com.securecart.persistence.JdbiAuditRepository;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The audit trail can only grow: nothing public can change or remove an entry. */
class AuditAppendOnlyTest {
  private static final List<String> REWRITING =
      List.of("update", "delete", "remove", "purge", "clear", "set", "replace", "truncate");

  @Test
  void noPublicMethodOfThePortTheFacadeOrTheRepositoryRewritesHistory() {
    for (Class<?> type :
        List.of(AuditRepository.class, AuditApi.class, JdbiAuditRepository.class)) {
      List<String> methods =
          Arrays.stream(type.getDeclaredMethods())
              .filter(m -> Modifier.isPublic(m.getModifiers()))
              .map(Method::getName)
              .toList();
      // Not vacuous: the classes have their append and read methods.
      assertThat(methods).as(type.getSimpleName()).isNotEmpty();
      assertThat(methods)
          .as(type.getSimpleName() + " public methods")
          .noneMatch(
              name ->
                  REWRITING.stream().anyMatch(w -> name.toLowerCase(Locale.ROOT).startsWith(w)));
    }
    assertThat(Arrays.stream(AuditRepository.class.getDeclaredMethods()).map(Method::getName))
        .containsExactlyInAnyOrder("append", "find", "count", "rememberAddress");
  }
}
