// The status page's script (status_page.hpp): draws the embedded JSON at once, then polls
// /api/v1/status and /api/v1/events?since=N every second. Text from the daemon only ever goes
// into textContent.
#include "render/status_page.hpp"

namespace gw::daemon {

namespace {

constexpr std::string_view kScript = R"JS((function () {
  "use strict";
  const POLL_MS = 1000, TIMEOUT_MS = 2500, MAX_EVENTS = 100;
  const st = { next: 0, events: [], filter: "", lastOk: null, lostAt: null, busy: false,
               timer: null, filterTimer: null };
  const $ = (id) => document.getElementById(id);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); }
  // A state word in a coloured badge: the word is always there, the colour only helps.
  function badge(word, kind) {
    const k = String(kind || word).toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const b = el("span", "st st-" + k, word);
    b.setAttribute("data-state", k);
    return b;
  }
  function cell(row, content, cls) {
    const c = el("td", cls);
    if (content instanceof Node) c.appendChild(content);
    else c.textContent = content === undefined || content === null ? "" : String(content);
    row.appendChild(c);
    return c;
  }
  function emptyRow(body, cols, text) {
    const r = el("tr");
    const c = cell(r, text, "empty");
    c.colSpan = cols;
    body.appendChild(r);
  }
  function clock(iso) { return iso ? String(iso).substr(11, 8) : ""; }
  function ago(iso, now) {
    if (!iso || !now) return "";
    const s = Math.max(0, Math.round((Date.parse(now) - Date.parse(iso)) / 1000));
    if (s < 120) return s + " s ago";
    if (s < 7200) return Math.round(s / 60) + " min ago";
    return Math.round(s / 3600) + " h ago";
  }
  function ms(v) {
    if (v === null || v === undefined) return "\u2014";
    return (v < 10 ? v.toFixed(2) : v.toFixed(1)) + " ms";
  }

  // RTT of the last attempts as a line; a failed attempt is a red mark at the bottom.
  function spark(hist) {
    const NS = "http://www.w3.org/2000/svg", W = 150, H = 26;
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("class", "spark");
    svg.setAttribute("width", W);
    svg.setAttribute("height", H);
    const vals = (hist || []).filter((v) => v !== null);
    const max = Math.max(1, ...vals);
    const step = W / Math.max(1, (hist || []).length - 1);
    let pts = [];
    const flush = () => {
      if (pts.length) {
        const p = document.createElementNS(NS, "polyline");
        p.setAttribute("points", pts.join(" "));
        svg.appendChild(p);
      }
      pts = [];
    };
    (hist || []).forEach((v, i) => {
      const x = (i * step).toFixed(1);
      if (v === null) {
        flush();
        const g = document.createElementNS(NS, "line");
        g.setAttribute("class", "gap");
        g.setAttribute("x1", x); g.setAttribute("x2", x);
        g.setAttribute("y1", H - 6); g.setAttribute("y2", H);
        svg.appendChild(g);
      } else {
        pts.push(x + "," + (H - 2 - (v / max) * (H - 4)).toFixed(1));
      }
    });
    flush();
    const t = document.createElementNS(NS, "title");
    const fails = (hist || []).length - vals.length;
    t.textContent = (hist || []).length + " attempts, max " + ms(vals.length ? max : null) +
        ", " + fails + " failed";
    svg.appendChild(t);
    return svg;
  }

  function renderMeta(s) {
    $("meta").textContent = "version " + s.version + " \u00b7 started " + clock(s.started) +
        " UTC \u00b7 state of " + clock(s.time) + " UTC";
  }

  function renderSip(s) {
    const body = $("sip-rows");
    clear(body);
    (s.sip_targets || []).forEach((t) => {
      const r = el("tr");
      r.setAttribute("data-target", t.target);
      cell(r, t.target);
      cell(r, t.address);
      cell(r, t.transport);
      cell(r, badge(t.state)).className = "state";
      cell(r, t.reason || "");
      cell(r, ms(t.rtt_ms), "num");
      cell(r, t.last_change ? clock(t.last_change) + " (" + ago(t.last_change, s.time) + ")"
                            : "none since start");
      cell(r, spark(t.rtt_history_ms));
      body.appendChild(r);
    });
    if (!body.firstChild) emptyRow(body, 8, "no sip-ua keepalive target configured");
  }

  function renderPorts(s) {
    const body = $("port-rows");
    clear(body);
    (s.voice_ports || []).forEach((p) => {
      const r = el("tr");
      r.setAttribute("data-port", p.port);
      cell(r, p.port);
      cell(r, p.busyout ? badge("busyout") : badge("in service")).className = "state";
      cell(r, p.why || "");
      cell(r, p.monitor ? "keepalive" : "off");
      cell(r, p.shutdown ? "shutdown" : "up");
      body.appendChild(r);
    });
    if (!body.firstChild) emptyRow(body, 5, "no voice port configured");
  }

  function renderSccp(s) {
    const box = $("sccp-groups");
    clear(box);
    (s.sccp_groups || []).forEach((g) => {
      box.appendChild(el("h3", null, "CCM group " + g.group + " \u2014 active: " +
          (g.active === null ? "none" : "CCM " + g.active)));
      const t = el("table"), head = el("tr"), body = el("tbody");
      ["ccm", "address", "priority", "state"].forEach((h) => head.appendChild(el("th", null, h)));
      const th = el("thead");
      th.appendChild(head);
      t.appendChild(th);
      (g.ccms || []).forEach((c) => {
        const r = el("tr");
        r.setAttribute("data-ccm", g.group + "/" + c.ccm);
        cell(r, c.ccm);
        cell(r, c.address);
        cell(r, c.priority);
        cell(r, badge(c.state)).className = "state";
        body.appendChild(r);
      });
      t.appendChild(body);
      box.appendChild(t);
    });
    if (!box.firstChild) box.appendChild(el("p", "empty", "no SCCP CallManager group configured"));
  }

  function renderDialPeers(s) {
    const d = s.dial_peers || { counts: {}, not_active: [] };
    const counts = $("dp-counts");
    clear(counts);
    [["active", "active"], ["partial", "partial"], ["busyout", "busyout"]].forEach(([k, w]) => {
      const c = el("span", "count");
      c.setAttribute("data-count", k);
      c.appendChild(el("b", null, d.counts[k] || 0));
      c.appendChild(badge(w));
      counts.appendChild(c);
    });
    counts.appendChild(el("span", "note", (d.probed || 0) + " probed"));
    const body = $("dp-rows");
    clear(body);
    (d.not_active || []).forEach((p) => {
      const r = el("tr");
      r.setAttribute("data-dial-peer", p.dial_peer);
      cell(r, p.dial_peer, "num");
      cell(r, badge(p.state)).className = "state";
      cell(r, p.address);
      cell(r, p.transport || "");
      cell(r, p.reason || "");
      cell(r, clock(p.since) + " (" + ago(p.since, s.time) + ")");
      body.appendChild(r);
    });
    const shown = (d.not_active || []).length;
    if (!shown) {
      emptyRow(body, 6, d.filter ? "no not-active dial-peer matches the filter"
                                 : "every probed dial-peer is active");
    }
    $("dp-shown").textContent = "showing " + shown + " of " + (d.matched || 0) +
        " not active" + (d.truncated ? " (refine the filter to see others)" : "");
  }

  function renderKamailio(s) {
    const sec = $("kamailio"), k = s.kamailio;
    sec.hidden = !k;
    if (!k) return;
    const body = $("kamailio-rows");
    clear(body);
    const row = (name, value) => {
      const r = el("tr");
      cell(r, name);
      cell(r, value, "wrap");
      body.appendChild(r);
    };
    row("RPC URL", k.url);
    row("RPC", badge(k.reachable ? "reachable" : "unreachable"));
    row("destinations", k.destinations + " bound");
    const sync = el("span");
    sync.appendChild(badge(k.in_sync + " in sync", "in-sync"));
    sync.appendChild(document.createTextNode(" "));
    sync.appendChild(badge(k.pending + " pending", k.pending ? "pending" : "in-sync"));
    sync.appendChild(document.createTextNode(" "));
    sync.appendChild(badge(k.missing + " missing", k.missing ? "missing" : "in-sync"));
    row("sync", sync);
    row("last error", k.last_error || "none");
    row("requests", k.requests + " sent, " + k.failures + " failed");
  }

  function renderCluster(s) {
    const sec = $("cluster"), c = s.cluster;
    sec.hidden = !c;
    if (!c) return;
    $("cluster-node").textContent = "this node: " + c.node + " \u00b7 lease " + c.lease_seconds +
        " s \u00b7 etcd " + (c.etcd_reachable ? "reachable" : "NOT reachable");
    const body = $("cluster-rows");
    clear(body);
    (c.members || []).forEach((m) => {
      const r = el("tr");
      r.setAttribute("data-node", m.node);
      cell(r, m.node);
      cell(r, badge(m.state)).className = "state";
      cell(r, m.owned, "num");
      body.appendChild(r);
    });
  }

  function renderStatus(s) {
    [renderMeta, renderSip, renderPorts, renderSccp, renderDialPeers, renderKamailio,
     renderCluster].forEach((f) => f(s));
  }

  function addEvents(page) {
    if (!page || !Array.isArray(page.events)) return;
    if (page.next < st.next) st.events = [];  // the daemon restarted: its numbers start over
    st.events = st.events.concat(page.events).slice(-MAX_EVENTS);
    st.next = page.next;
    const body = $("event-rows");
    clear(body);
    for (let i = st.events.length - 1; i >= 0; --i) {
      const e = st.events[i], r = el("tr");
      r.setAttribute("data-seq", e.seq);
      cell(r, String(e.ts || "").substr(11, 12));
      cell(r, e.event, "ev");
      const f = Object.keys(e).filter((k) => k !== "ts" && k !== "event" && k !== "seq")
          .map((k) => k + "=" + e[k]).join("  ");
      cell(r, f, "wrap");
      body.appendChild(r);
    }
    if (!body.firstChild) emptyRow(body, 3, "no event since start");
  }

  function setLive(ok) {
    const conn = $("conn");
    if (ok) {
      st.lastOk = new Date();
      st.lostAt = null;
      document.body.classList.remove("stale");
      conn.className = "live";
      conn.textContent = "live";
      return;
    }
    if (!st.lostAt) st.lostAt = new Date();
    document.body.classList.add("stale");
    conn.className = "lost";
    conn.textContent = "not answering since " + st.lostAt.toISOString().substr(11, 8) + " UTC";
    $("lost").textContent = "gatewatch is not answering (since " +
        st.lostAt.toISOString().substr(11, 8) + " UTC): the state below is the last one " +
        "received" + (st.lastOk ? ", at " + st.lastOk.toISOString().substr(11, 8) + " UTC." : ".");
  }

  function getJson(url) {
    const ctl = new AbortController();
    const t = setTimeout(() => ctl.abort(), TIMEOUT_MS);
    return fetch(url, { cache: "no-store", signal: ctl.signal })
        .then((r) => {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        })
        .finally(() => clearTimeout(t));
  }

  function statusUrl() {
    return "/api/v1/status" + (st.filter ? "?filter=" + encodeURIComponent(st.filter) : "");
  }

  function poll() {
    clearTimeout(st.timer);
    if (st.busy) return schedule();
    st.busy = true;
    Promise.all([getJson(statusUrl()), getJson("/api/v1/events?since=" + st.next)])
        .then(([s, ev]) => {
          renderStatus(s);
          addEvents(ev);
          setLive(true);
        }, () => setLive(false))
        .finally(() => {
          st.busy = false;
          schedule();
        });
  }
  function schedule() {
    clearTimeout(st.timer);
    st.timer = setTimeout(poll, POLL_MS);
  }

  function initial(id) {
    try {
      return JSON.parse($(id).textContent);
    } catch (e) {
      return null;
    }
  }

  const s0 = initial("initial-status"), e0 = initial("initial-events");
  if (s0) renderStatus(s0);
  addEvents(e0);
  $("dp-filter").addEventListener("input", (ev) => {
    clearTimeout(st.filterTimer);
    st.filterTimer = setTimeout(() => {
      st.filter = ev.target.value.trim().slice(0, 64);
      poll();
    }, 250);
  });
  schedule();
})();)JS";

}  // namespace

std::string_view status_page_script() {
  return kScript;
}

}  // namespace gw::daemon
