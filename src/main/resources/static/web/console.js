// The ops console: polls /ops/state every 3 s and updates the cards in place (the focus stays where it is);
// every action button opens a confirmation that shows the consequence with live counts and asks for a reason.
"use strict";
(function () {
  const canAct = document.body.dataset.canAct === "true";
  const texts = document.getElementById("console-texts").dataset;
  const $ = (id) => document.getElementById(id);
  let lastPending = null;
  let opener = null;
  let current = null;

  function badge(el, label, tone) {
    if (!el) { return; }
    el.textContent = label || "";
    el.className = "badge" + (tone ? " badge-" + tone : "");
  }

  function figures(dl, list) {
    const wanted = list.map((f) => f.key + "=" + f.label + "=" + f.value).join("|");
    if (dl.dataset.shown === wanted) { return; }
    dl.dataset.shown = wanted;
    dl.replaceChildren();
    list.forEach((f) => {
      const dt = document.createElement("dt");
      dt.textContent = f.label;
      const dd = document.createElement("dd");
      dd.id = dl.id + "-" + f.key;
      dd.textContent = f.value;
      dl.append(dt, dd);
    });
  }

  function pendingList(view) {
    const wanted = JSON.stringify(view.pending);
    if (wanted === lastPending) { return; }
    lastPending = wanted;
    const ul = $("pending-list");
    ul.replaceChildren();
    if (view.pending.length === 0) {
      const li = document.createElement("li");
      li.textContent = texts.noPending;
      ul.append(li);
    }
    view.pending.forEach((p) => {
      const li = document.createElement("li");
      li.id = "pending-" + p.id;
      const span = document.createElement("span");
      span.textContent = p.text + " ";
      li.append(span);
      if (canAct) {
        [["APPROVE", texts.approve], ["WITHDRAW", texts.withdraw]].forEach(([action, label]) => {
          const b = document.createElement("button");
          b.type = "button";
          b.id = "pending-" + p.id + "-" + action;
          b.dataset.action = action;
          b.dataset.request = p.id;
          b.textContent = label;
          li.append(" ", b);
        });
      }
      ul.append(li);
    });
  }

  function render(view) {
    let isolated = false;
    view.cards.forEach((c) => {
      badge($(c.id + "-state"), c.stateLabel, c.tone);
      badge($("restore-state-" + c.id), c.stateLabel, c.tone);
      if (c.breakerLabel) { badge($(c.id + "-breaker"), c.breakerLabel, c.breakerTone); }
      figures($(c.id + "-figures"), c.figures);
      Screens.text($(c.id + "-error"), c.lastError);
      Screens.text($(c.id + "-change"), c.lastChange);
      if (c.state === "ISOLATED") { isolated = true; }
      if (canAct) {
        ["SUSPEND", "RESUME", "FORCE_OPEN", "FORCE_CLOSED", "RESET"].forEach((a) => {
          const b = $(c.id + "-" + a);
          if (b) { b.hidden = !c.actions.includes(a); }
        });
        const r = $("restore-" + c.id);
        if (r) { r.hidden = c.state !== "ISOLATED"; }
      }
    });
    const banner = $("incident-banner");
    banner.hidden = !view.incident;
    if (view.incident) { banner.textContent = view.incident.text; }
    $("restore-flow").hidden = !(isolated || view.incident || view.pending.length > 0);
    $("four-eyes-note").hidden = !view.fourEyes;
    pendingList(view);
    Screens.text($("updated-at"), view.updatedAt);
  }

  async function refresh() {
    try {
      const r = await Screens.getJson("/ops/state");
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      $("refresh-failed").hidden = true;
      render(r.data);
    } catch (e) {
      const f = $("refresh-failed");
      f.textContent = texts.refreshFailed;
      f.hidden = false;
    }
  }

  async function open(button) {
    const params = new URLSearchParams({ action: button.dataset.action });
    if (button.dataset.channel) { params.set("channel", button.dataset.channel); }
    if (button.dataset.request) { params.set("request", button.dataset.request); }
    const r = await Screens.getJson("/ops/preview?" + params);
    if (!r.ok) { status((r.data && r.data.detail) || ("HTTP " + r.status), "bad"); return; }
    opener = button;
    current = { action: button.dataset.action, channel: button.dataset.channel || null,
                request: button.dataset.request ? Number(button.dataset.request) : null };
    Screens.text($("confirm-title"), r.data.title);
    Screens.text($("confirm-consequence"), r.data.consequence);
    $("confirm-four-eyes").hidden = !r.data.fourEyes;
    Screens.text($("confirm-four-eyes"), r.data.fourEyes);
    Screens.text($("confirm-ok"), r.data.confirm);
    $("confirm-ok").className = current.action === "ISOLATE" ? "danger" : "primary";
    $("confirm-reason").value = "";
    $("confirm-error").hidden = true;
    $("confirm-dialog").showModal();
    $("confirm-reason").focus();
  }

  function close() {
    $("confirm-dialog").close();
    const back = opener && !opener.hidden && document.body.contains(opener) ? opener : $("main");
    back.focus();
  }

  function status(message, tone) {
    const s = $("status-line");
    s.textContent = message;
    s.className = "notice notice-" + tone;
  }

  async function confirm(event) {
    event.preventDefault();
    const reason = $("confirm-reason").value.trim();
    const error = $("confirm-error");
    if (!reason) {
      error.textContent = texts.reasonMissing;
      error.hidden = false;
      $("confirm-reason").focus();
      return;
    }
    const r = await Screens.postJson("/ops/actions", Object.assign({}, current, { reason: reason }));
    if (!r.ok) {
      error.textContent = (r.data && (r.data.detail || r.data.title)) || ("HTTP " + r.status);
      error.hidden = false;
      return;
    }
    status(r.data.message, r.data.pending ? "warn" : "ok");
    await refresh();
    close();
  }

  if (canAct) {
    document.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (button) { open(button); }
    });
    $("confirm-form").addEventListener("submit", confirm);
    $("confirm-cancel").addEventListener("click", close);
    $("confirm-dialog").addEventListener("cancel", (event) => { event.preventDefault(); close(); });
  }
  refresh();
  setInterval(refresh, 3000);
})();
