#include "server/http/http_wire.h"

#include "model/api_error.h"

#include <arpa/inet.h>
#include <strings.h>

#include <cctype>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace roster::server {

namespace {

bool same_name(const std::string& a, const char* b) { return strcasecmp(a.c_str(), b) == 0; }

std::string http_date() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

}  // namespace

const char* reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return status < 300 ? "OK" : status < 400 ? "Redirect" : status < 500 ? "Client Error" : "Server Error";
  }
}

std::string client_address_key(const std::string& address) {
  unsigned char bytes[16];
  if (address.find(':') == std::string::npos || inet_pton(AF_INET6, address.c_str(), bytes) != 1) return address;
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(bytes, kMapped, sizeof kMapped) == 0) return address;  // an IPv4 client on a dual-stack socket
  std::memset(bytes + 8, 0, 8);
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, bytes, text, sizeof text);
  return std::string(text) + "/64";
}

httplib::Request to_route_request(ParsedRequest&& parsed, const PeerInfo& peer) {
  httplib::Request req;
  req.method = std::move(parsed.method);
  req.version = std::move(parsed.version);
  req.target = std::move(parsed.target);
  auto question = req.target.find('?');
  std::string raw_path = req.target.substr(0, question);
  // Routes see the decoded path ("%2F" is "/"); the static-file route canonicalises it again.
  req.path = httplib::detail::decode_url(raw_path, false);
  if (question != std::string::npos) {
    auto query = req.target.substr(question + 1);
    auto hash = query.find('#');
    if (hash != std::string::npos) query.resize(hash);
    httplib::detail::parse_query_text(query, req.params);
  }
  for (auto& [name, value] : parsed.headers) req.headers.emplace(std::move(name), std::move(value));
  req.body = std::move(parsed.body);
  req.remote_addr = peer.remote_addr;
  req.remote_port = peer.remote_port;
  req.local_addr = peer.local_addr;
  req.local_port = peer.local_port;
  return req;
}

namespace {

// The status line and the handler's headers, without the framing ones (which are the server's).
void append_head(std::string& out, const httplib::Response& res) {
  out += "HTTP/1.1 " + std::to_string(res.status) + " " + reason_phrase(res.status) + "\r\n";
  for (const auto& [name, value] : res.headers) {
    // Framing is the server's: a handler cannot set it, nor smuggle a line break into a header.
    if (same_name(name, "Content-Length") || same_name(name, "Transfer-Encoding") || same_name(name, "Connection") ||
        same_name(name, "Date") || same_name(name, "Keep-Alive"))
      continue;
    if (name.empty() || !is_clean_field_text(name) || !is_clean_field_text(value) ||
        name.find(':') != std::string::npos)
      continue;
    out += name + ": " + value + "\r\n";
  }
  out += "Date: " + http_date() + "\r\n";
}

}  // namespace

std::string serialize_stream_head(const httplib::Response& res, bool keep_alive, bool http10) {
  std::string out;
  append_head(out, res);
  if (http10)
    out += "Connection: close\r\n";
  else
    out += keep_alive ? "Transfer-Encoding: chunked\r\n" : "Transfer-Encoding: chunked\r\nConnection: close\r\n";
  out += "\r\n";
  return out;
}

void append_chunk(std::string& out, const char* data, std::size_t size, bool http10) {
  if (http10) {
    out.append(data, size);
    return;
  }
  if (size == 0) {
    out += "0\r\n\r\n";
    return;
  }
  char hex[20];
  std::snprintf(hex, sizeof hex, "%zx\r\n", size);
  out += hex;
  out.append(data, size);
  out += "\r\n";
}

std::string serialize_response(const httplib::Response& res, bool head_only, bool keep_alive, bool http10) {
  const int status = res.status;
  const bool bodiless = (status >= 100 && status < 200) || status == 204 || status == 304;
  std::string out;
  out.reserve(512 + (head_only || bodiless ? 0 : res.body.size()));
  append_head(out, res);
  if (!bodiless) out += "Content-Length: " + std::to_string(res.body.size()) + "\r\n";
  if (!keep_alive)
    out += "Connection: close\r\n";
  else if (http10)
    out += "Connection: keep-alive\r\n";
  out += "\r\n";
  if (!head_only && !bodiless) out += res.body;
  return out;
}

std::string protocol_error_response(int status, const std::string& message, bool tls) {
  httplib::Response res;
  res.status = status;
  if (tls) res.set_header("Strict-Transport-Security", "max-age=31536000");
  res.set_header("Content-Type", "application/json");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "no-store");
  res.body = encode_error(message).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return serialize_response(res, false, false, false);
}

}  // namespace roster::server
