/* The idle warning: a session unused for ZHENGWU_SESSION_IDLE_MINUTES ends on the server
 * (zhengwu/web/account_middleware.py).  ZHENGWU_SESSION_WARN_MINUTES before that, this shows the
 * notice #session-warning; its button asks /account/keepalive/, which renews the idle clock, and
 * the notice goes away.  Every page load and every htmx request restarts the count, as they renew
 * the clock on the server too.  When the time is up the page goes to the login form.
 * Served from the site's own static files (no CDN); the numbers come from data-* attributes.
 */
(function () {
  "use strict";

  var script = document.currentScript || document.querySelector("script[data-zw-session]");
  if (!script) { return; }
  var idle = Number(script.getAttribute("data-idle")) * 1000;
  var warn = Number(script.getAttribute("data-warn")) * 1000;
  var keepalive = script.getAttribute("data-keepalive");
  var login = script.getAttribute("data-login");
  if (!idle || !keepalive) { return; }
  var warnTimer = null;
  var endTimer = null;

  function notice() { return document.getElementById("session-warning"); }

  function restart() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    var box = notice();
    if (box) { box.hidden = true; }
    warnTimer = setTimeout(function () {
      var shown = notice();
      if (shown) { shown.hidden = false; }
    }, Math.max(idle - warn, 0));
    endTimer = setTimeout(function () {
      window.location.href = login + "?next=" + encodeURIComponent(window.location.pathname + window.location.search);
    }, idle + 1000);
  }

  function stay() {
    fetch(keepalive, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (response.ok) { restart(); } else { window.location.href = login; }
      })
      .catch(function () { /* the network is down: leave the notice up */ });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-session-stay]")) { stay(); }
  });
  document.addEventListener("htmx:afterRequest", restart);
  restart();
})();
