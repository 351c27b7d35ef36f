// Shared by every screen: JSON calls that carry the session's CSRF token (from the layout's meta tags).
"use strict";
window.Screens = (function () {
  function meta(name) {
    const m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") : null;
  }
  async function call(method, url, body) {
    const headers = { "Accept": "application/json" };
    const token = meta("_csrf"), header = meta("_csrf_header");
    if (token && header) { headers[header] = token; }
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    const response = await fetch(url, {
      method: method, headers: headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    let data = null;
    const type = response.headers.get("Content-Type") || "";
    if (type.includes("json")) { data = await response.json(); }
    return { status: response.status, ok: response.ok, data: data };
  }
  return {
    getJson: function (url) { return call("GET", url); },
    postJson: function (url, body) { return call("POST", url, body === undefined ? {} : body); },
    text: function (el, value) { if (el) { el.textContent = value == null ? "" : String(value); } }
  };
})();
