#include "render/status_page.hpp"

namespace gw::daemon {

namespace {

// @STATUS@, @EVENTS@ and @SCRIPT@ are replaced by render_status_page().
constexpr std::string_view kMarkup = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>gatewatch status</title>
<style>
:root { --up: #1b7f3b; --down: #b3261e; --warn: #a15c00; --idle: #5f6368; --line: #d7dbe0;
        --bg: #f6f7f9; --card: #fff; --text: #1f2328; --muted: #5f6368; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
       background: var(--bg); color: var(--text); }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; padding: 10px 16px;
         background: #20252b; color: #fff; }
header h1 { font-size: 18px; margin: 0; font-weight: 600; }
header .meta { color: #c9d1d9; font-size: 12px; }
#conn { margin-left: auto; padding: 3px 10px; border-radius: 12px; font-weight: 600; }
#conn.live { background: var(--up); }
#conn.lost { background: var(--down); }
#lost { display: none; padding: 10px 16px; background: #fdecea; color: var(--down);
        border-bottom: 2px solid var(--down); font-weight: 600; }
body.stale #lost { display: block; }
body.stale main { opacity: .55; }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 14px;
       padding: 14px 16px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
          padding: 10px 12px; min-width: 0; }
section.wide { grid-column: 1 / -1; }
section[hidden] { display: none; }
h2 { font-size: 15px; margin: 0 0 8px; }
h3 { font-size: 13px; margin: 10px 0 4px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--line);
         vertical-align: middle; white-space: nowrap; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.wrap { white-space: normal; word-break: break-word; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); font-style: italic; }
.st { display: inline-block; min-width: 64px; padding: 1px 8px; border-radius: 10px;
      font-weight: 600; font-size: 12px; text-align: center; color: #fff; background: var(--idle); }
.st::before { content: "\25CF\00A0"; }
.st-up, .st-active, .st-in-service, .st-in-sync, .st-reachable { background: var(--up); }
.st-down, .st-busyout, .st-unreachable, .st-missing { background: var(--down); }
.st-down::before, .st-busyout::before, .st-unreachable::before { content: "\25BC\00A0"; }
.st-standby, .st-partial, .st-connecting, .st-pending { background: var(--warn); }
.counts { display: flex; gap: 10px; flex-wrap: wrap; margin-bottom: 8px; }
.count { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
.count b { font-size: 18px; margin-right: 4px; }
.tools { display: flex; gap: 8px; align-items: center; margin-bottom: 6px; flex-wrap: wrap; }
.tools input { padding: 3px 6px; width: 240px; }
.note { color: var(--muted); font-size: 12px; }
svg.spark { vertical-align: middle; }
svg.spark polyline { fill: none; stroke: #1a73e8; stroke-width: 1.5; }
svg.spark line.gap { stroke: var(--down); stroke-width: 2; }
#events td.ev { font-family: ui-monospace, monospace; }
.scroll { max-height: 420px; overflow: auto; }
</style>
</head>
<body>
<header>
  <h1>gatewatch</h1>
  <span class="meta" id="meta"></span>
  <span id="conn" class="live" role="status">live</span>
</header>
<div id="lost" role="alert">gatewatch is not answering: the state below is the last one received.</div>
<main>
  <section id="sip" class="wide">
    <h2>SIP keepalive targets (sip-ua)</h2>
    <table><thead><tr><th>target</th><th>address</th><th>transport</th><th>state</th>
      <th>reason</th><th class="num">RTT</th><th>last change</th><th>RTT history</th></tr></thead>
      <tbody id="sip-rows"></tbody></table>
  </section>
  <section id="ports">
    <h2>Voice ports</h2>
    <table><thead><tr><th>port</th><th>state</th><th>why</th><th>busyout monitor</th>
      <th>admin</th></tr></thead><tbody id="port-rows"></tbody></table>
  </section>
  <section id="sccp">
    <h2>SCCP CallManager groups</h2>
    <div id="sccp-groups"></div>
  </section>
  <section id="kamailio" hidden>
    <h2>Kamailio dispatcher</h2>
    <table><tbody id="kamailio-rows"></tbody></table>
  </section>
  <section id="cluster" hidden>
    <h2>Cluster</h2>
    <p class="note" id="cluster-node"></p>
    <table><thead><tr><th>node</th><th>state</th><th class="num">dial-peers probed</th></tr>
      </thead><tbody id="cluster-rows"></tbody></table>
  </section>
  <section id="dialpeers" class="wide">
    <h2>Dial-peers (OPTIONS keepalive)</h2>
    <div class="counts" id="dp-counts"></div>
    <div class="tools">
      <label for="dp-filter">Filter not-active dial-peers:</label>
      <input id="dp-filter" type="search" maxlength="64" placeholder="tag, address, reason">
      <span class="note" id="dp-shown"></span>
    </div>
    <div class="scroll"><table><thead><tr><th class="num">dial-peer</th><th>state</th>
      <th>address</th><th>transport</th><th>reason</th><th>since</th></tr></thead>
      <tbody id="dp-rows"></tbody></table></div>
  </section>
  <section id="events" class="wide">
    <h2>Last events</h2>
    <div class="scroll"><table><thead><tr><th>time (UTC)</th><th>event</th><th>fields</th>
      </tr></thead><tbody id="event-rows"></tbody></table></div>
  </section>
</main>
<script type="application/json" id="initial-status">@STATUS@</script>
<script type="application/json" id="initial-events">@EVENTS@</script>
<script>
@SCRIPT@
</script>
</body>
</html>
)HTML";

// JSON text safe inside a <script> element: '<' (only ever inside strings) as \u003c.
std::string script_safe(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string_view status_page_markup() {
  return kMarkup;
}

std::string render_status_page(std::string_view status_json, std::string_view events_json) {
  // The markup is cut at its three keys (in this order) and put together with the parts: no
  // search ever runs over the data.
  const std::string_view keys[] = {"@STATUS@", "@EVENTS@", "@SCRIPT@"};
  const std::string parts[] = {script_safe(status_json), script_safe(events_json),
                               std::string(status_page_script())};
  std::string page;
  page.reserve(kMarkup.size() + parts[0].size() + parts[1].size() + parts[2].size());
  std::size_t from = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto at = kMarkup.find(keys[i], from);
    page += kMarkup.substr(from, at - from);
    page += parts[i];
    from = at + keys[i].size();
  }
  page += kMarkup.substr(from);
  return page;
}

}  // namespace gw::daemon
