// Between the wire and the route handlers: a parsed request becomes the httplib::Request the routes
// read (path decoded, query parameters split), and a handler's httplib::Response becomes the bytes
// of an HTTP/1.1 answer, with framing the server controls (Content-Length, Connection, Date) and no
// header value able to end a line early.
#pragma once

#include "server/http/http_request_parser.h"

#include <httplib.h>

#include <string>

namespace roster::server {

struct PeerInfo {
  std::string remote_addr, local_addr;
  int remote_port = -1, local_port = -1;
};

httplib::Request to_route_request(ParsedRequest&& parsed, const PeerInfo& peer);

// `head_only`: the answer to a HEAD (headers as for GET, no body). `keep_alive` false adds
// "Connection: close".
std::string serialize_response(const httplib::Response& res, bool head_only, bool keep_alive, bool http10);

// The head of a streamed answer (the handler set a chunked content provider): chunked transfer
// coding for HTTP/1.1; for HTTP/1.0, which has none, the body runs to the connection's close.
std::string serialize_stream_head(const httplib::Response& res, bool keep_alive, bool http10);
// One piece of a chunked body ("<hex size>\r\n<data>\r\n"); the last chunk is "0\r\n\r\n".
void append_chunk(std::string& out, const char* data, std::size_t size, bool http10);

// An answer the server writes on its own (malformed request, overload, timeout): a JSON error, then
// the connection closes. `tls`: the connection is HTTPS (HSTS goes with it).
std::string protocol_error_response(int status, const std::string& message, bool tls = false);

const char* reason_phrase(int status);

// The key under which a client address is capped and throttled: the address itself for IPv4, its
// /64 network for IPv6 (one subscriber commonly holds a whole /64, so per-address limits keyed by
// the full address would not limit anyone).
std::string client_address_key(const std::string& address);

}  // namespace roster::server
