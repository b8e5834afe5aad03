package com.securecart.shared;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every problem type SecureCart can answer with, by its stable slug (the last segment of the
 * problem document's {@code type} URI; clients may switch on it). A new rejection gets a constant
 * here and an entry in openapi.yaml's {@code x-problem-types}, which a contract test keeps equal.
 */
public enum ProblemType {
  // Requests the server cannot read (400; bad-request also 413 and the other errors Helidon answers
  // before any route runs).
  BAD_REQUEST("bad-request"),
  VALIDATION("validation"),
  MALFORMED_JSON("malformed-json"),
  MALFORMED_BODY("malformed-body"),
  BODY_TOO_LARGE("body-too-large"),
  MALFORMED_FORM("malformed-form"),
  UNSUPPORTED_FORM("unsupported-form"),

  // Who is asking (401, 403) and what they may see (404).
  UNAUTHENTICATED("unauthenticated"),
  INVALID_CREDENTIALS("invalid-credentials"),
  MFA_REQUIRED("mfa-required"),
  MFA_LOCKED("mfa-locked"),
  STEP_UP_REQUIRED("step-up-required"),
  CURRENT_PASSWORD_WRONG("current-password-wrong"),
  EMAIL_UNVERIFIED("email-unverified"),
  FORBIDDEN("forbidden"),
  NOT_FOUND("not-found"),

  // Business rejections (409, 422).
  WEAK_PASSWORD("weak-password"),
  INVALID_TOKEN("invalid-token"),
  SKU_TAKEN("sku-taken"),
  SKU_IMMUTABLE("sku-immutable"),
  STOCK_BELOW_RESERVED("stock-below-reserved"),
  OUT_OF_STOCK("out-of-stock"),
  PURCHASE_LIMIT_EXCEEDED("purchase-limit-exceeded"),
  CART_FULL("cart-full"),
  CART_EMPTY("cart-empty"),
  CART_CHECKED_OUT("cart-checked-out"),
  CURRENCY_MISMATCH("currency-mismatch"),
  PRODUCT_UNAVAILABLE("product-unavailable"),
  INVALID_ORDER_STATE("invalid-order-state"),
  CONCURRENT_UPDATE("concurrent-update"),
  IDEMPOTENCY_KEY_REUSED("idempotency-key-reused"),
  IDEMPOTENCY_IN_FLIGHT("idempotency-in-flight"),
  JOB_RUNNING("job-running"),
  /** Only when accepting a staff invitation: registration never says so (no enumeration). */
  EMAIL_TAKEN("email-taken"),
  INVITATION_INVALID("invitation-invalid"),
  LAST_OWNER("last-owner"),

  // Too many failed sign-ins for one e-mail (429, thrown by identity with a retryAfter member).
  ACCOUNT_LOCKED("account-locked"),

  // The server's own state (429, 503, 500): answered by the HTTP layer, never thrown by a context.
  RATE_LIMITED("rate-limited"),
  OVERLOADED("overloaded"),
  /** 503 on checkout only: the order pipeline is behind, so intake slows (ADR 0011). */
  PIPELINE_BEHIND("pipeline-behind"),
  UNAVAILABLE("unavailable"),
  INTERNAL("internal");

  private static final Map<String, ProblemType> BY_SLUG =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(t -> t.slug, Function.identity()));

  private final String slug;

  ProblemType(String slug) {
    this.slug = slug;
  }

  /** The stable slug, such as {@code out-of-stock}. */
  public String slug() {
    return slug;
  }

  public static Optional<ProblemType> ofSlug(String slug) {
    return Optional.ofNullable(BY_SLUG.get(slug));
  }
}
