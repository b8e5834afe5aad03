package com.securecart.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.ValidationException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
  private static final Actor ADMIN =
      new Actor(1, "admin@example.com", "192.0.2.1", "0123456789abcdef0123456789abcdef");

  private static AuditEntry entry(String action, Map<String, String> after) {
    return new AuditEntry(0, Instant.EPOCH, ADMIN, action, "product", "7", Map.of(), after);
  }

  @Test
  void anActionIsADottedLowerCaseName() {
    assertThat(entry("product.price.changed", Map.of()).action())
        .isEqualTo("product.price.changed");
    assertThatThrownBy(() -> entry("product", Map.of())).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> entry("Product.Changed", Map.of()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> entry("product.price changed", Map.of()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aLongValueIsCutRatherThanRefusedAndAbsentValuesAreEmpty() {
    java.util.HashMap<String, String> after = new java.util.HashMap<>();
    after.put("description", "x".repeat(5_000));
    after.put("imageUrl", null);
    AuditEntry e = entry("product.updated", after);
    assertThat(e.after().get("description")).hasSize(AuditEntry.MAX_VALUE).endsWith("\u2026");
    assertThat(e.after().get("imageUrl")).isEmpty();
  }

  @Test
  void anActorNeedsAnAccountAnEmailAndAnAddress() {
    assertThatThrownBy(() -> new Actor(0, "a@example.com", "192.0.2.1", null))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new Actor(1, "a@example.com", " ", null))
        .isInstanceOf(ValidationException.class);
    assertThat(new Actor(1, "a@example.com", "192.0.2.1", null).traceId()).isNull();
  }

  @Test
  void aDiffKeepsOnlyTheFieldsThatChanged() {
    AuditApi.Change<String> change =
        AuditApi.Change.diff(
            "result",
            "product.price.changed",
            "product",
            "7",
            Map.of("name", "Mug", "priceCents", "1000", "gone", "x"),
            Map.of("name", "Mug", "priceCents", "1250", "new", "y"));
    assertThat(change.before())
        .containsExactlyInAnyOrderEntriesOf(Map.of("priceCents", "1000", "gone", "x"));
    assertThat(change.after())
        .containsExactlyInAnyOrderEntriesOf(Map.of("priceCents", "1250", "new", "y"));
    assertThat(change.result()).isEqualTo("result");
  }
}
