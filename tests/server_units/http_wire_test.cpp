// In-process tests of the wire format: answers as bytes, requests as the routes see them.
#include "server/http/http_wire.h"

#include <doctest/doctest.h>

using namespace roster::server;

TEST_CASE("answers: the server owns the framing, and no header value can break a line") {
  httplib::Response res;
  res.status = 200;
  res.body = "{\"a\":1}";
  res.set_header("Content-Type", "application/json");
  res.headers.emplace("X-Injected", "a\r\nSet-Cookie: evil=1");
  res.headers.emplace("Content-Length", "999");
  auto wire = serialize_response(res, false, true, false);
  CHECK(wire.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(wire.find("evil") == std::string::npos);
  CHECK(wire.find("Content-Length: 7\r\n") != std::string::npos);
  CHECK(wire.find("999") == std::string::npos);
  CHECK(wire.substr(wire.size() - 7) == "{\"a\":1}");

  auto head = serialize_response(res, true, false, false);
  CHECK(head.find("Content-Length: 7\r\n") != std::string::npos);
  CHECK(head.find("Connection: close\r\n") != std::string::npos);
  CHECK(head.substr(head.size() - 4) == "\r\n\r\n");

  res.status = 304;
  auto not_modified = serialize_response(res, false, true, true);
  CHECK(not_modified.find("Content-Length") == std::string::npos);
  CHECK(not_modified.find("Connection: keep-alive\r\n") != std::string::npos);  // an HTTP/1.0 client kept
  CHECK(not_modified.substr(not_modified.size() - 4) == "\r\n\r\n");
}

TEST_CASE("requests: the path is decoded, the query split, invalid UTF-8 kept as bytes for the routes to judge") {
  ParsedRequest parsed;
  parsed.method = "GET";
  parsed.target = "/api/%2Fx%ff?query=a%20b+c&roleId=1&roleId=2#frag";
  parsed.version = "HTTP/1.1";
  parsed.headers = {{"Host", "h"}, {"x-lower", "v"}};
  auto req = to_route_request(std::move(parsed), PeerInfo{"127.0.0.9", "127.0.0.1", 5000, 80});
  CHECK(req.path == "/api//x\xff");
  CHECK(req.get_param_value("query") == "a b c");
  CHECK(req.get_param_value_count("roleId") == 2);
  CHECK(req.get_header_value("X-Lower") == "v");
  CHECK(req.remote_addr == "127.0.0.9");
  auto error = protocol_error_response(413, "bad \xff bytes");
  CHECK(error.find("413 Content Too Large") != std::string::npos);
  CHECK(error.find("\xff") == std::string::npos);  // replaced, not thrown on
}

TEST_CASE("client addresses: an IPv6 client counts as its /64, an IPv4 one (mapped or not) as itself") {
  // Addresses of one /64 share a key: the connection caps and the sign-in throttle count them together.
  CHECK(client_address_key("2001:db8:1:2::5") == "2001:db8:1:2::/64");
  CHECK(client_address_key("2001:db8:1:2:ffff:eeee:dddd:9") == "2001:db8:1:2::/64");
  CHECK(client_address_key("2001:db8:1:3::5") == "2001:db8:1:3::/64");
  CHECK(client_address_key("::1") == "::/64");
  CHECK(client_address_key("fe80::fc:ff:fe00:1") == "fe80::/64");
  CHECK(client_address_key("127.0.0.2") == "127.0.0.2");
  CHECK(client_address_key("127.0.0.3") == "127.0.0.3");
  CHECK(client_address_key("::ffff:127.0.0.2") == "::ffff:127.0.0.2");
  CHECK(client_address_key("::ffff:127.0.0.3") == "::ffff:127.0.0.3");
}
