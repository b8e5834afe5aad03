/* SecureCart's one script: live regions fed by Server-Sent Events, small form conveniences and the
   operations charts. No inline script or eval anywhere (CSP script-src 'self'); the pages work
   without it, this only makes them livelier. */
(function () {
  'use strict';

  /* An element with data-live="URL" shows the HTML fragments the server streams to it. A fragment
     holding [data-live-end] is the last one. */
  function live(el) {
    if (el.dataset.liveBound || !window.EventSource) { return; }
    el.dataset.liveBound = '1';
    var source = new EventSource(el.dataset.live);
    source.addEventListener(el.dataset.liveEvent || 'message', function (event) {
      el.innerHTML = event.data;
      el.dataset.liveUpdates = String(Number(el.dataset.liveUpdates || 0) + 1);
      if (el.querySelector('[data-live-end]')) { source.close(); }
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }

  /* Filter forms apply as soon as a choice changes. */
  function autosubmit(form) {
    form.addEventListener('change', function () {
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    });
  }

  /* A form marked data-once cannot be sent twice by a double click (the server would still place
     one order: the form carries an idempotency key). */
  function once(form) {
    form.addEventListener('submit', function () {
      form.querySelectorAll('button[type=submit]').forEach(function (b) {
        setTimeout(function () { b.disabled = true; }, 0);
      });
    });
  }

  /* Suggestions close with Escape and when the search box loses focus to something else. */
  function suggestions() {
    var box = document.getElementById('suggestions');
    var input = document.getElementById('q');
    if (!box || !input) { return; }
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { box.innerHTML = ''; }
    });
    document.addEventListener('click', function (e) {
      if (!box.contains(e.target) && e.target !== input) { box.innerHTML = ''; }
    });
  }

  /* ---- operations charts: SVG polylines, no library ---- */
  var SVG = 'http://www.w3.org/2000/svg';
  var COLORS = ['#1d4ed8', '#b45309', '#be123c'];

  function draw(figure, series, now) {
    var svg = figure.querySelector('svg');
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var max = 0;
    series.forEach(function (s) { s.forEach(function (v) { if (v > max) { max = v; } }); });
    max = max > 0 ? max * 1.15 : 1;
    var axis = document.createElementNS(SVG, 'line');
    axis.setAttribute('x1', '0'); axis.setAttribute('x2', '300');
    axis.setAttribute('y1', '99'); axis.setAttribute('y2', '99');
    axis.setAttribute('stroke', '#9ca3af');
    svg.appendChild(axis);
    series.forEach(function (s, i) {
      var line = document.createElementNS(SVG, 'polyline');
      var step = 300 / Math.max(1, 59);
      var offset = 60 - s.length;
      line.setAttribute('points', s.map(function (v, j) {
        return ((offset + j) * step).toFixed(1) + ',' + (98 - (v / max) * 94).toFixed(1);
      }).join(' '));
      line.setAttribute('fill', 'none');
      line.setAttribute('stroke', COLORS[i % COLORS.length]);
      line.setAttribute('stroke-width', '2');
      svg.appendChild(line);
    });
    var label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', '2'); label.setAttribute('y', '10');
    label.setAttribute('font-size', '9'); label.setAttribute('fill', '#4b5563');
    label.textContent = 'max ' + (max / 1.15).toFixed(1);
    svg.appendChild(label);
    figure.querySelector('[data-now]').textContent = now;
  }

  function ops(root) {
    var history = { rps: [], p50: [], p95: [], p99: [], orders: [], backlog: [], events: [], busy: [] };
    var last = null;
    function push(name, v) { history[name].push(v); if (history[name].length > 60) { history[name].shift(); } }
    function tick() {
      fetch(root.dataset.source, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (m) {
          if (!m) { return; }
          if (last) {
            var dt = Math.max(0.001, (m.atMillis - last.atMillis) / 1000);
            push('rps', (m.requests - last.requests) / dt);
            push('orders', (m.ordersPlaced - last.ordersPlaced) / dt);
            push('events', (m.eventsHandled - last.eventsHandled) / dt);
            push('p50', m.p50Ms); push('p95', m.p95Ms); push('p99', m.p99Ms);
            push('backlog', m.outboxBacklog); push('busy', m.busyWorkers);
            var h = history, n = h.rps.length - 1;
            var fig = function (name) { return root.querySelector('[data-series=' + name + ']'); };
            draw(fig('rps'), [h.rps], h.rps[n].toFixed(1));
            draw(fig('latency'), [h.p50, h.p95, h.p99], h.p50[n].toFixed(1) + ' / ' + h.p95[n].toFixed(1) + ' / ' + h.p99[n].toFixed(1));
            draw(fig('orders'), [h.orders], h.orders[n].toFixed(2));
            draw(fig('backlog'), [h.backlog], String(h.backlog[n]));
            draw(fig('events'), [h.events, h.busy], h.events[n].toFixed(1) + ', ' + h.busy[n] + ' busy');
            root.dataset.samples = String(h.rps.length);
          }
          last = m;
        })
        .catch(function () { /* the next tick tries again */ });
    }
    tick();
    setInterval(tick, 2000);
  }

  function init(root) {
    root.querySelectorAll('[data-live]').forEach(live);
    root.querySelectorAll('form[data-autosubmit]').forEach(autosubmit);
    root.querySelectorAll('form[data-once]').forEach(once);
  }

  document.addEventListener('DOMContentLoaded', function () {
    init(document);
    suggestions();
    var opsRoot = document.getElementById('ops');
    if (opsRoot) { ops(opsRoot); }
  });
  /* Content htmx swapped in (an edited inventory row) gets the same behaviour. */
  document.addEventListener('htmx:load', function (e) { init(e.target); });
})();
