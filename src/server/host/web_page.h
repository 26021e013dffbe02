// Serving the console's page, shared by `serve --web` and `proxy --web`: the security headers every
// answer carries (CSP allowing WebAssembly, frame-ancestors, HSTS under TLS) and the web root's
// files (paths checked by StaticFiles, gzip copies when accepted, /api/ and /oauth2/ never files;
// content-hashed names cached immutable for a year, every other file no-cache with an ETag and 304).
#pragma once

#include "server/http/static_files.h"
#include "server/http/tls_context.h"

#include <httplib.h>

#include <memory>
#include <string>

namespace roster::server {

void add_security_headers(httplib::Response& res, const std::string& frame_ancestors, bool tls);
// Answers a GET for a file of `static_files` (null: no web root, every path 404).
void serve_web_file(const StaticFiles* static_files, const httplib::Request& req, httplib::Response& res);
// The --web root (none when `web_dir` is empty) and the --tls-cert/--tls-key pair (none when both
// are empty): false, with words in `error`, when either cannot be used.
bool open_web_root_and_tls(const std::string& web_dir, const std::string& tls_cert, const std::string& tls_key,
                           std::unique_ptr<StaticFiles>& static_files, TlsContext& tls, std::string& error);

}  // namespace roster::server
