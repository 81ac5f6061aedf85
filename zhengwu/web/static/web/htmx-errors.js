/* Every failed htmx request is shown to the person who made it, where they made it.
 *
 * htmx drops 4xx and 5xx answers.  The server answers a refused htmx request with the page's red box
 * (web/partials/refusal.html, class htmx-refusal) and says where it goes: HX-Retarget: this,
 * HX-Reswap: beforebegin (just before the form or button that asked).  Here htmx is told to swap
 * such an answer, and any error answer that carries HX-Retarget or HX-Reswap.  Every other failure
 * gets the same box, built here: from the answer's own .refusal box if it has one (an error page),
 * else from a sentence in the user's language (the data-* attributes of this script's tag), for a
 * proxy's 502, a timeout or a network that is down.  A box goes away when its form is sent again.
 * See zhengwu/web/errors.py.
 */
(function () {
  "use strict";

  var BOX = "htmx-refusal";
  var script = document.currentScript || document.querySelector("script[data-zw-errors]");

  function say(name, status) {
    var text = (script && script.getAttribute("data-" + name)) || "";
    return text.replace("{status}", String(status || ""));
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function box(innerHtml, status) {
    return '<div class="refusal ' + BOX + '" role="alert" aria-live="assertive" data-status="' + (status || 0) + '">' +
      innerHtml + "</div>";
  }

  function sentenceBox(sentence, status) {
    return box("<strong>" + escapeHtml(say("heading")) + "</strong><p>" + escapeHtml(sentence) + "</p>", status);
  }

  /* The requesting element, or where a box can go if it has left the page. */
  function anchorOf(elt) {
    if (elt && elt.isConnected && elt !== document.body) {
      return { target: elt, swap: "beforebegin" };
    }
    return { target: document.querySelector("main") || document.body, swap: "afterbegin" };
  }

  function clear(elt) {
    var previous = elt && elt.previousElementSibling;
    while (previous && previous.classList.contains(BOX)) {
      var before = previous.previousElementSibling;
      previous.remove();
      previous = before;
    }
  }

  /* The .refusal box of an error page (its sentences), if the answer is one. */
  function boxFromPage(xhr) {
    var type = xhr.getResponseHeader("Content-Type") || "";
    if (type.indexOf("text/html") !== 0 || typeof xhr.response !== "string") return "";
    var found = new DOMParser().parseFromString(xhr.response, "text/html").querySelector(".refusal");
    return found ? box(found.innerHTML, xhr.status) : "";
  }

  function serverPlacedIt(xhr) {
    return Boolean(xhr.getResponseHeader("HX-Retarget") || xhr.getResponseHeader("HX-Reswap"));
  }

  function requester(detail) {
    return (detail.requestConfig && detail.requestConfig.elt) || detail.elt;
  }

  document.addEventListener("htmx:beforeRequest", function (evt) {
    clear(requester(evt.detail));
  });

  document.addEventListener("htmx:beforeSwap", function (evt) {
    var detail = evt.detail;
    var xhr = detail.xhr;
    if (!xhr || xhr.status < 400) return;
    var elt = requester(detail);
    clear(elt);
    detail.shouldSwap = true;
    if (serverPlacedIt(xhr)) {
      if (!detail.target || !detail.target.isConnected) {
        var fallback = anchorOf(null);
        detail.target = fallback.target;
        detail.swapOverride = fallback.swap;
      }
      return;
    }
    var place = anchorOf(elt);
    detail.serverResponse = boxFromPage(xhr) || sentenceBox(say("failed", xhr.status), xhr.status);
    detail.target = place.target;
    detail.swapOverride = place.swap;
    detail.selectOverride = "." + BOX;
  });

  /* A box just swapped in (a fragment before its form, or a part of the page that came back with its
     refusal): bring it into view; role="alert" has it read out. */
  document.addEventListener("htmx:afterSettle", function (evt) {
    var elt = requester(evt.detail);
    var shown = elt && elt.isConnected ? elt.previousElementSibling : null;
    if (!(shown && shown.classList.contains(BOX))) {
      var settled = evt.target;
      shown = settled && settled.isConnected && settled.querySelector ? settled.querySelector(".refusal[role=alert]") : null;
    }
    if (shown && shown.scrollIntoView) shown.scrollIntoView({ block: "nearest" });
  });

  function unreachable(evt) {
    var elt = requester(evt.detail);
    var place = anchorOf(elt);
    clear(elt);
    place.target.insertAdjacentHTML(place.swap, sentenceBox(say("network"), 0));
  }

  document.addEventListener("htmx:sendError", unreachable);
  document.addEventListener("htmx:timeout", unreachable);

  /* In DEBUG, django-htmx replaces the whole page with any 400/403/404/500 answer (to show Django's
     debug page).  An answer the server placed itself is not a debug page: keep it from doing so. */
  if (document.querySelector("script[data-debug='True']")) {
    window.addEventListener("htmx:beforeOnLoad", function (evt) {
      var xhr = evt.detail.xhr;
      if (xhr && xhr.status >= 400 && serverPlacedIt(xhr)) evt.stopPropagation();
    }, true);
  }
})();
