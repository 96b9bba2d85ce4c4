// Live pages: when <main> names an event stream (data-live), every ledger event of its task re-reads the page
// from the console and replaces <main>. Without JavaScript the pages are complete; they just do not refresh.
"use strict";
(function () {
  const main = document.getElementById("main");
  if (!main || !main.dataset.live || !window.EventSource) {
    return;
  }
  const status = document.getElementById("live-status");
  let pending = null;
  let refreshes = 0;
  async function refresh(reason) {
    pending = null;
    const answer = await fetch(window.location.href, { headers: { Accept: "text/html" }, cache: "no-store" });
    if (!answer.ok) {
      return;
    }
    const page = new DOMParser().parseFromString(await answer.text(), "text/html");
    const fresh = page.getElementById("main");
    if (!fresh) {
      return;
    }
    main.innerHTML = fresh.innerHTML;
    refreshes += 1;
    document.body.dataset.liveRefreshes = String(refreshes);
    if (status) {
      status.textContent = "Updated after " + reason + " at " + new Date().toLocaleTimeString();
    }
  }
  const events = new EventSource(main.dataset.live);
  events.addEventListener("open", function () {
    document.body.dataset.live = "connected";
  });
  events.addEventListener("ledger", function (message) {
    const event = JSON.parse(message.data);
    // Several events arrive in one block; one refresh a moment later reads them all.
    if (pending === null) {
      pending = window.setTimeout(function () {
        refresh(event.event + " (block " + event.block + ")");
      }, 300);
    }
  });
})();
