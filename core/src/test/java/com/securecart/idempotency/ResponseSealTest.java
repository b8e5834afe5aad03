package com.securecart.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseSealTest {
  private static final IdempotencyKey KEY = new IdempotencyKey("0b6c1f9e-key");

  @Test
  void opensOnlyWithTheSameKeyAndScope() {
    String sealed = ResponseSeal.seal(KEY, "guest:cart:abc", "the-token");

    assertThat(sealed).startsWith(ResponseSeal.PREFIX).doesNotContain("the-token");
    assertThat(ResponseSeal.SEALED.matcher(sealed).matches()).isTrue();
    assertThat(ResponseSeal.open(KEY, "guest:cart:abc", sealed)).contains("the-token");
    assertThat(ResponseSeal.open(new IdempotencyKey("other"), "guest:cart:abc", sealed)).isEmpty();
    assertThat(ResponseSeal.open(KEY, "guest:cart:xyz", sealed)).isEmpty();
  }

  @Test
  void sealsDifferentlyEachTimeAndRefusesGarbage() {
    assertThat(ResponseSeal.seal(KEY, "s", "t")).isNotEqualTo(ResponseSeal.seal(KEY, "s", "t"));
    assertThat(ResponseSeal.open(KEY, "s", "the-token")).isEmpty();
    assertThat(ResponseSeal.open(KEY, "s", ResponseSeal.PREFIX + "A".repeat(40))).isEmpty();
    assertThat(ResponseSeal.open(KEY, "s", null)).isEmpty();
  }

  @Test
  void theStoreKeepsOnlyTheKeysDigest() {
    assertThat(KEY.digest()).hasSize(64).doesNotContain(KEY.value());
    assertThat(KEY.toString()).doesNotContain(KEY.value());
  }
}
