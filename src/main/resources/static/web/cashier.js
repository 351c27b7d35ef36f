// The cashier screen: availability before starting, one payment per attempt, its progress until an outcome.
// Every text comes from the server (the page or its JSON answers), in the cashier's language.
"use strict";
(function () {
  const $ = function (id) { return document.getElementById(id); };
  const texts = {};
  document.querySelectorAll("#cashier-texts li").forEach(function (li) { texts[li.dataset.key] = li.textContent; });

  const form = $("payment-form"), start = $("start"), section = $("payment"), dialog = $("refund-dialog");
  let available = false;     // what the server last said
  let sending = false;       // a start request is on its way: a second click does nothing
  let current = null;        // the payment shown
  let watching = null;       // id of the payment whose outcome is awaited

  function show(el, visible) { el.hidden = !visible; }
  function setText(id, value) { Screens.text($(id), value); }

  function problem(el, message) {
    setText(el.id, message);
    show(el, !!message);
  }

  // a JSON call; a session that expired answers with the login page instead of JSON
  async function call(method, url, body) {
    try {
      const r = method === "GET" ? await Screens.getJson(url) : await Screens.postJson(url, body);
      if (r.data === null && r.status !== 204) {
        return { ok: false, status: r.status, data: { error: texts.sessionExpired } };
      }
      return r;
    } catch (e) {
      return { ok: false, status: 0, data: { error: texts.network } };
    }
  }

  function updateStart() {
    start.disabled = !available || sending || current !== null;
  }

  async function refreshAvailability() {
    const r = await call("GET", "/cashier/availability");
    const notice = $("availability"), badge = $("availability-badge");
    if (!r.ok) {
      available = false;
      notice.className = "notice notice-warn";
      badge.className = "badge badge-warn";
      setText("availability-badge", texts.checking);
      setText("availability-message", r.data.error);
      setText("availability-detail", "");
    } else {
      available = r.data.available;
      notice.className = "notice " + (available ? "notice-ok" : "notice-bad");
      notice.dataset.available = String(available);
      notice.dataset.reason = r.data.reason || "";
      badge.className = "badge " + (available ? "badge-ok" : "badge-bad");
      setText("availability-badge", available ? texts.available : texts.unavailable);
      setText("availability-message", r.data.message);
      setText("availability-detail", r.data.detail || "");
    }
    updateStart();
  }

  function clearFieldErrors() {
    ["terminal", "amount", "reference"].forEach(function (f) {
      problem($(f + "-error"), null);
      $(f).removeAttribute("aria-invalid");
    });
    problem($("start-error"), null);
  }

  function render(p) {
    current = p;
    show(form, false);
    show(section, true);
    section.dataset.state = p.state;
    const badge = $("payment-state");
    badge.className = "badge badge-" + p.tone;
    setText("payment-state", p.label);
    setText("payment-message", p.message);
    setText("payment-next", p.next || "");
    show($("payment-next"), !!p.next);
    setText("payment-amount", p.amount + " €");
    setText("payment-terminal", p.terminalId);
    setText("payment-reference", p.reference);
    setText("payment-id", p.id);
    problem($("refund-result"), p.refund);
    show($("cancel"), p.cancellable);
    show($("refund"), p.refundable);
    show($("new-payment"), !p.pending);
    updateStart();
  }

  // while the payment is pending, its state is read every second: each step shows (card prompt, in doubt, outcome)
  async function watch(id) {
    if (watching === id) { return; }
    watching = id;
    while (watching === id) {
      await new Promise(function (resolve) { setTimeout(resolve, 1000); });
      if (watching !== id) { return; }
      const r = await call("GET", "/cashier/payments/" + encodeURIComponent(id));
      if (watching !== id) { return; }
      if (r.ok) {
        problem($("action-error"), null);
        render(r.data);
        if (!r.data.pending) { watching = null; return; }
      } else {
        problem($("action-error"), r.data && r.data.error);
      }
    }
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    if (sending || current !== null || !available) { return; }
    sending = true;
    updateStart();
    clearFieldErrors();
    const r = await call("POST", "/cashier/payments", {
      terminalId: $("terminal").value, amount: $("amount").value, reference: $("reference").value
    });
    sending = false;
    if (r.ok) {
      render(r.data);
      section.focus();
      watch(r.data.id);
      return;
    }
    if (r.status === 400 && r.data.errors) {
      let first = null;
      Object.keys(r.data.errors).forEach(function (f) {
        problem($(f + "-error"), r.data.errors[f]);
        $(f).setAttribute("aria-invalid", "true");
        first = first || $(f);
      });
      if (first) { first.focus(); }
    } else {
      problem($("start-error"), r.data.error);
      if (r.status === 503) { refreshAvailability(); }
    }
    updateStart();
  });

  $("cancel").addEventListener("click", async function () {
    if (!current) { return; }
    $("cancel").disabled = true;
    problem($("action-error"), null);
    const r = await call("POST", "/cashier/payments/" + encodeURIComponent(current.id) + "/cancel");
    $("cancel").disabled = false;
    if (r.ok) { render(r.data); watch(r.data.id); } else { problem($("action-error"), r.data.error); }
  });

  $("refund").addEventListener("click", function () {
    if (!current) { return; }
    setText("refund-dialog-amount", current.amount + " €");
    dialog.showModal();
  });
  $("refund-dismiss").addEventListener("click", function () { dialog.close(); $("refund").focus(); });
  $("refund-confirm").addEventListener("click", async function () {
    const confirm = $("refund-confirm");
    if (confirm.disabled) { return; }
    confirm.disabled = true;
    problem($("action-error"), null);
    const r = await call("POST", "/cashier/payments/" + encodeURIComponent(current.id) + "/refund");
    confirm.disabled = false;
    dialog.close();
    if (r.ok) { render(r.data); } else { problem($("action-error"), r.data.error); }
    (r.ok && !r.data.refundable ? $("new-payment") : $("refund")).focus();
  });

  $("new-payment").addEventListener("click", async function () {
    const r = await call("POST", "/cashier/next");
    if (!r.ok) { problem($("action-error"), r.data.error); return; }
    current = null;
    watching = null;
    problem($("action-error"), null);
    show(section, false);
    show(form, true);
    $("amount").value = "";
    $("reference").value = "";
    clearFieldErrors();
    updateStart();
    $("amount").focus();
  });

  refreshAvailability();
  setInterval(refreshAvailability, 3000);
  const resumed = $("main").dataset.current;
  if (resumed) {
    call("GET", "/cashier/payments/" + encodeURIComponent(resumed)).then(function (r) {
      if (r.ok) { render(r.data); watch(r.data.id); }
    });
  }
})();
