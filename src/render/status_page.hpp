// The status page (`GET /` on the --metrics listener, design.md "Status page"): one
// self-contained HTML document, inline CSS and script, no external asset (no CDN, no web font,
// the favicon a data: URL), so it works on a machine without internet.
// Contract:
// - render_status_page(status_json, events_json) returns the page with both JSON answers
//   (render_status_json(), render_events_json()) embedded: the script draws them while the
//   page is parsed, so the first paint (and `chromium --dump-dom`) already shows the state;
//   then it fetches /api/v1/status and /api/v1/events?since=N every second, without a reload,
//   and says on the page when the daemon stops answering.
// - The JSON is embedded in a <script type="application/json"> element with every '<' written
//   as \u003c, so no field value can close the element.
// - Everything the script draws from the data goes through textContent, never innerHTML.
// - States are words beside colours ("up"/"down", "busyout"/"in service", "active"/"standby"/
//   "down"), so they read without colour.
// Pure.
#pragma once
#include <string>
#include <string_view>

namespace gw::daemon {

std::string render_status_page(std::string_view status_json, std::string_view events_json);

// The parts of the page, for tests: the markup with its CSS, and the script.
std::string_view status_page_markup();
std::string_view status_page_script();

}  // namespace gw::daemon
