// The status page: self-contained, the JSON embedded safely, the parts the script draws into.
#include "render/status_page.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace gw::daemon {
namespace {

TEST(StatusPage, EmbedsBothAnswersAndTheScript) {
  const auto page = render_status_page(R"({"version":"9.9"})", R"({"next":1,"events":[]})");
  EXPECT_NE(page.find(R"(<script type="application/json" id="initial-status">{"version":"9.9"})"),
            std::string::npos);
  EXPECT_NE(page.find(R"(id="initial-events">{"next":1,"events":[]}</script>)"), std::string::npos);
  EXPECT_NE(page.find(std::string(status_page_script())), std::string::npos);
  EXPECT_EQ(page.find("@STATUS@"), std::string::npos);
  EXPECT_EQ(page.find("@EVENTS@"), std::string::npos);
  EXPECT_EQ(page.find("@SCRIPT@"), std::string::npos);
}

TEST(StatusPage, DataCannotCloseTheScriptElement) {
  const auto page =
      render_status_page(R"({"port":"</script><script>alert(1)</script>"})", R"({"x":"@SCRIPT@"})");
  EXPECT_EQ(page.find("</script><script>alert"), std::string::npos);
  EXPECT_NE(page.find(R"(\u003c/script>\u003cscript>alert(1)\u003c/script>)"), std::string::npos);
  // A key in the data is data: the script is inserted once, where the markup says.
  EXPECT_NE(page.find(R"({"x":"@SCRIPT@"})"), std::string::npos);
}

TEST(StatusPage, NoExternalAsset) {
  const auto page = render_status_page("null", "null");
  // No src= or href= but a data: URL; no @import, no url() of a remote place.
  const std::regex attr(R"re((src|href)\s*=\s*"([^"]*)")re");
  for (std::sregex_iterator it(page.begin(), page.end(), attr), end; it != end; ++it)
    EXPECT_EQ((*it)[2].str().rfind("data:", 0), 0u) << (*it)[0];
  EXPECT_EQ(page.find("@import"), std::string::npos);
  EXPECT_EQ(page.find("url("), std::string::npos);
  EXPECT_EQ(page.find("<link rel=\"stylesheet\""), std::string::npos);
  // The only absolute URL is the SVG namespace, a name and never fetched.
  const std::regex url(R"(https?://[^"' )]+)");
  for (std::sregex_iterator it(page.begin(), page.end(), url), end; it != end; ++it)
    EXPECT_EQ((*it)[0].str(), "http://www.w3.org/2000/svg");
}

TEST(StatusPage, ScriptUsesTextContentOnlyAndPollsTheApi) {
  const auto script = status_page_script();
  EXPECT_EQ(script.find("innerHTML"), std::string::npos);
  EXPECT_EQ(script.find("document.write"), std::string::npos);
  EXPECT_EQ(script.find("eval("), std::string::npos);
  EXPECT_NE(script.find("/api/v1/status"), std::string::npos);
  EXPECT_NE(script.find("/api/v1/events?since="), std::string::npos);
  EXPECT_NE(script.find("POLL_MS = 1000"), std::string::npos);
}

TEST(StatusPage, HasEverySection) {
  const auto markup = status_page_markup();
  for (const char* id : {"sip-rows", "port-rows", "sccp-groups", "dp-counts", "dp-filter",
                         "dp-rows", "kamailio", "cluster", "event-rows", "conn", "lost"}) {
    EXPECT_NE(markup.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  }
}

}  // namespace
}  // namespace gw::daemon
