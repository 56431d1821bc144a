// Several nodes through etcd (gatewatch extension, design.md "Several instances"): the global
// `cluster etcd URL [URL ...]`, `cluster etcd tls ca-file PATH [cert PATH key PATH]` and
// `cluster lease <1-60>`.
#include <sstream>

#include "cluster/endpoint.hpp"
#include "cluster/settings.hpp"
#include "config/editor.hpp"

namespace gw::config {

using cli::Args;
using cli::Outcome;

namespace {

constexpr const char* kClusterHelp = "Several gatewatch nodes sharing the keepalive through etcd";
constexpr const char* kEtcdHelp = "The etcd cluster's client URLs";
constexpr const char* kUrlHelp = "http://HOST:PORT or https://HOST:PORT";
constexpr const char* kTlsHelp = "TLS toward https:// endpoints";
constexpr const char* kLeaseHelp = "TTL of this node's etcd lease (real seconds)";

void add_etcd(std::vector<cli::Command>& out, Editor& ed) {
  out.push_back({kGlobal,
                 "cluster etcd WORD$url [LINE$more]",
                 {kClusterHelp, kEtcdHelp, kUrlHelp, "More URLs"},
                 [&ed](const Args& a) {
                   std::vector<std::string> urls{std::string(a.get("url"))};
                   if (!cluster::parse_endpoint(urls[0]))
                     return Outcome::fail("% Invalid input detected at '^' marker.", "url");
                   if (a.has("more")) {
                     std::istringstream in{std::string(a.get("more"))};
                     for (std::string u; in >> u;) {
                       if (!cluster::parse_endpoint(u) || urls.size() >= cluster::kMaxEndpoints)
                         return Outcome::fail("% Invalid input detected at '^' marker.", "more");
                       urls.push_back(u);
                     }
                   }
                   ed.cfg->cluster.endpoints = std::move(urls);
                   return Outcome::ok();
                 }});
  for (const char* form : {"no cluster etcd [LINE$rest]", "default cluster etcd"})
    out.push_back({kGlobal, form, {"", kClusterHelp, kEtcdHelp, "Ignored"}, [&ed](const Args&) {
                     ed.cfg->cluster.endpoints.clear();
                     return Outcome::ok();
                   }});
}

void add_tls(std::vector<cli::Command>& out, Editor& ed) {
  out.push_back({kGlobal,
                 "cluster etcd tls ca-file WORD$ca [cert WORD$cert key WORD$key]",
                 {kClusterHelp, kEtcdHelp, kTlsHelp, "CA certificates (PEM) that verify etcd",
                  "Path of the PEM file", "Client certificate (PEM)", "Path of the PEM file",
                  "Client private key (PEM)", "Path of the PEM file"},
                 [&ed](const Args& a) {
                   for (const char* name : {"ca", "cert", "key"})
                     if (a.has(name) && a.get(name).front() != '/')
                       return Outcome::fail("% The file must be an absolute path.", name);
                   auto& c = ed.cfg->cluster;
                   c.ca_file = std::string(a.get("ca"));
                   c.cert_file = a.has("cert") ? std::string(a.get("cert")) : std::string();
                   c.key_file = a.has("key") ? std::string(a.get("key")) : std::string();
                   return Outcome::ok();
                 }});
  for (const char* form : {"no cluster etcd tls [LINE$rest]", "default cluster etcd tls"})
    out.push_back(
        {kGlobal, form, {"", kClusterHelp, kEtcdHelp, kTlsHelp, "Ignored"}, [&ed](const Args&) {
           auto& c = ed.cfg->cluster;
           c.ca_file.clear();
           c.cert_file.clear();
           c.key_file.clear();
           return Outcome::ok();
         }});
}

void add_lease(std::vector<cli::Command>& out, Editor& ed) {
  const std::string range = range_token(cluster::kLease);
  out.push_back({kGlobal,
                 "cluster lease " + range + "$seconds",
                 {kClusterHelp, kLeaseHelp, "Seconds"},
                 [&ed](const Args& a) {
                   ed.cfg->cluster.lease = arg_int(a, "seconds");
                   return Outcome::ok();
                 }});
  for (std::string form :
       {"no cluster lease [" + range + "$seconds]", std::string("default cluster lease")})
    out.push_back({kGlobal, form, {"", kClusterHelp, kLeaseHelp, "Seconds"}, [&ed](const Args&) {
                     ed.cfg->cluster.lease = ClusterSettings{}.lease;
                     return Outcome::ok();
                   }});
}

}  // namespace

void add_cluster_commands(std::vector<cli::Command>& out, Editor& ed) {
  add_etcd(out, ed);
  add_tls(out, ed);
  add_lease(out, ed);
}

}  // namespace gw::config
