/* Stripe mode only (SECURECART_PAYMENTS=stripe): the card field is Stripe's Payment Element, in
   Stripe's own frame, so card data never reaches this page's DOM or SecureCart's servers (SAQ A).
   The checkout form posts only the PaymentMethod id (pm_...) that Stripe.js returns; the order page
   lets the shopper complete 3-D Secure with the PaymentIntent's client secret. Not exercised by the
   automated tests (they have no Stripe account); see docs/payments.md. */
(function () {
  'use strict';

  function checkout(form) {
    var mount = document.getElementById('payment-element');
    var field = document.getElementById('payment-method');
    var error = document.getElementById('payment-error');
    var stripe = window.Stripe(mount.dataset.stripeKey);
    var elements = stripe.elements({
      mode: 'payment',
      amount: parseInt(mount.dataset.amount, 10),
      currency: mount.dataset.currency,
      captureMethod: 'manual',
      paymentMethodCreation: 'manual',
      paymentMethodTypes: ['card']
    });
    elements.create('payment').mount(mount);
    var busy = false;
    form.addEventListener('submit', function (event) {
      if (field.value) { return; }
      event.preventDefault();
      if (busy) { return; }
      busy = true;
      error.textContent = '';
      elements.submit().then(function (submitted) {
        if (submitted.error) { throw submitted.error; }
        return stripe.createPaymentMethod({ elements: elements });
      }).then(function (result) {
        if (result.error) { throw result.error; }
        field.value = result.paymentMethod.id;
        form.submit();
      }).catch(function (e) {
        busy = false;
        error.textContent = e && e.message ? e.message : 'The card could not be used.';
      });
    });
  }

  function nextAction(box) {
    var stripe = window.Stripe(box.dataset.stripeKey);
    var button = document.getElementById('complete-payment');
    var error = document.getElementById('payment-error');
    button.addEventListener('click', function () {
      button.disabled = true;
      stripe.handleNextAction({ clientSecret: box.dataset.clientSecret }).then(function (result) {
        if (result.error) {
          error.textContent = result.error.message || 'The payment was not confirmed.';
          button.disabled = false;
          return;
        }
        /* Stripe tells SecureCart the outcome (a webhook); the status above follows it live. */
        box.querySelector('p').textContent = 'Thank you: we are confirming your payment.';
        button.hidden = true;
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!window.Stripe) { return; }
    var form = document.getElementById('stripe-checkout');
    if (form) { checkout(form); }
    var box = document.getElementById('payment-action');
    if (box) { nextAction(box); }
  });
})();
