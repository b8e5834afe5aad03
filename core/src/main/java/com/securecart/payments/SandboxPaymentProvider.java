package com.securecart.payments;

import com.securecart.shared.Money;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox: a stand-in provider, modelled on card-network test tokens, that never moves money.
 *
 * <ul>
 *   <li>{@code tok_visa} (and {@code tok_mastercard}) approves;
 *   <li>{@code tok_chargeDeclined} declines;
 *   <li>{@code tok_processingError} fails transiently twice per order, then approves;
 *   <li>any other token declines as invalid.
 * </ul>
 *
 * It remembers results by idempotency key in memory, like a real provider does on its side.
 */
public final class SandboxPaymentProvider implements PaymentProvider {
  private final Map<String, AuthorizationResult> results = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> transientFailures = new ConcurrentHashMap<>();
  private final AtomicInteger approvals = new AtomicInteger();
  private final Map<String, Boolean> voided = new ConcurrentHashMap<>();

  @Override
  public AuthorizationResult authorize(String idempotencyKey, Money amount, String paymentToken) {
    if (paymentToken == null) {
      return new AuthorizationResult.Declined("invalid payment token");
    }
    AuthorizationResult earlier = results.get(idempotencyKey);
    if (earlier != null) {
      return earlier;
    }
    if ("tok_processingError".equals(paymentToken)
        && transientFailures
                .computeIfAbsent(idempotencyKey, k -> new AtomicInteger())
                .incrementAndGet()
            <= 2) {
      throw new PaymentUnavailableException("sandbox processing error");
    }
    return results.computeIfAbsent(idempotencyKey, k -> decide(paymentToken));
  }

  private AuthorizationResult decide(String paymentToken) {
    return switch (paymentToken) {
      case "tok_visa", "tok_mastercard", "tok_processingError" -> {
        approvals.incrementAndGet();
        yield new AuthorizationResult.Approved("sandbox_auth_" + UUID.randomUUID());
      }
      case "tok_chargeDeclined" -> new AuthorizationResult.Declined("card declined");
      default -> new AuthorizationResult.Declined("invalid payment token");
    };
  }

  @Override
  public boolean capture(String idempotencyKey, String authorizationId, Money amount) {
    // The sandbox holds nothing, so there is nothing to take; a voided hold cannot be taken.
    return !voided.containsKey(authorizationId);
  }

  @Override
  public void voidAuthorization(String idempotencyKey, String authorizationId) {
    voided.put(authorizationId, Boolean.TRUE);
  }

  /**
   * How many authorizations the sandbox approved: lets tests prove that retries never authorize
   * twice.
   */
  public int approvedCount() {
    return approvals.get();
  }

  boolean isVoided(String authorizationId) {
    return voided.containsKey(authorizationId);
  }
}
