// The waiting page: counts down the prompt's time, then reloads so the server offers "Send it again"; meanwhile polls
// the payment's status politely (3 s, slowing to 10 s) and reloads once it is final, so the server renders the
// outcome. Without script, the page's <noscript> refresh does the same.
(function () {
  document.documentElement.className += ' js';
  var card = document.getElementById('payment');
  var url = card && card.getAttribute('data-poll');
  if (!url) { return; }
  var clock = card.querySelector('[data-countdown]');
  if (clock) {
    var left = parseInt(clock.getAttribute('data-countdown'), 10);
    var template = clock.getAttribute('data-template');
    var tick = window.setInterval(function () {
      left -= 1;
      if (left <= 0) { window.clearInterval(tick); window.location.reload(); return; }
      clock.textContent = template.replace('{0}', String(left));
    }, 1000);
  }
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
