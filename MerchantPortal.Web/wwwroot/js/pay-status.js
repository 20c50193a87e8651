// Polls the payment's status politely (3 s, slowing to 10 s) and reloads once it is final,
// so the server renders the outcome. Without script, the page's <noscript> refresh does the same.
(function () {
  var card = document.getElementById('payment');
  var url = card && card.getAttribute('data-poll');
  if (!url) { return; }
  var delay = 3000;
  var started = Date.now();
  function poll() {
    fetch(url, { headers: { 'Accept': 'application/json' }, cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) {
        if (state && state.status !== 'pending') { window.location.reload(); return; }
        schedule();
      })
      .catch(schedule);
  }
  function schedule() {
    if (Date.now() - started > 15 * 60 * 1000) { return; }
    delay = Math.min(delay * 1.3, 10000);
    window.setTimeout(poll, delay);
  }
  window.setTimeout(poll, delay);
})();
