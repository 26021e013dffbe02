#include "api_helpers.h"

#include <doctest/doctest.h>

namespace roster::test {

Response to_response(const httplib::Result& r) {
  Response out;
  REQUIRE_MESSAGE(r, "no HTTP response: error " << static_cast<int>(r.error()));
  out.status = r->status;
  out.body = r->body;
  out.headers = r->headers;
  out.json = nlohmann::json::parse(r->body, nullptr, false);
  return out;
}

std::string url_encode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

httplib::Headers Caller::headers(httplib::Headers extra) const {
  if (!authorization_.empty()) extra.emplace("Authorization", authorization_);
  if (!cookie_.empty()) {
    extra.emplace("Cookie", cookie_);
    if (extra.find("X-Requested-With") == extra.end()) extra.emplace("X-Requested-With", "roster-test");
  }
  return extra;
}

Response Caller::get(const std::string& path, httplib::Headers extra) const {
  return to_response(server_.client()->Get(path.c_str(), headers(std::move(extra))));
}

Response Caller::put(const std::string& path, const std::string& body, httplib::Headers extra) const {
  return to_response(server_.client()->Put(path.c_str(), headers(std::move(extra)), body, "application/json"));
}

Response Caller::post(const std::string& path, const std::string& body, httplib::Headers extra,
                      const std::string& content_type) const {
  return to_response(server_.client()->Post(path.c_str(), headers(std::move(extra)), body, content_type.c_str()));
}

Response Caller::del(const std::string& path, httplib::Headers extra) const {
  return to_response(server_.client()->Delete(path.c_str(), headers(std::move(extra))));
}

nlohmann::json fetch_token(const ServerProcess& server, const SeededDb& db) {
  auto id = db.info["oauthClient"]["clientId"].get<std::string>();
  auto secret = db.info["oauthClient"]["clientSecret"].get<std::string>();
  auto r = to_response(server.client()->Post(
      ("/oauth2/token?grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret).c_str(), "",
      "text/plain"));
  REQUIRE(r.status == 200);
  return r.json;
}

Caller as_client(const ServerProcess& server, const SeededDb& db) {
  return Caller(server, "Bearer " + fetch_token(server, db)["access_token"].get<std::string>());
}

Caller as_session(const ServerProcess& server, const std::string& email, const std::string& password) {
  nlohmann::json body = {{"email", email}, {"password", password}};
  auto r = server.client()->Post("/api/session", body.dump(), "application/json");
  REQUIRE(r);
  INFO(r->body);
  REQUIRE(r->status == 200);
  auto cookie = r->get_header_value("Set-Cookie");
  REQUIRE(cookie.rfind("roster_session=", 0) == 0);
  return Caller(server, "", cookie.substr(0, cookie.find(';')));
}

}  // namespace roster::test
