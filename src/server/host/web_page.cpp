#include "server/host/web_page.h"

#include "model/api_error.h"
#include "server/http/request_reply.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace roster::server {

void add_security_headers(httplib::Response& res, const std::string& frame_ancestors, bool tls) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  // wasm-unsafe-eval lets the page compile WebAssembly without allowing eval() of JavaScript.
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                 "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                 "frame-ancestors " +
                     frame_ancestors);
  // Under TLS, browsers are told to use nothing else for this host for a year.
  if (tls) res.set_header("Strict-Transport-Security", "max-age=31536000");
}

namespace {

const char* mime_type(const std::string& path) {
  auto ext = std::filesystem::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".png") return "image/png";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool read_file(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

void serve_web_file(const StaticFiles* static_files, const httplib::Request& req, httplib::Response& res) {
  if (req.path.rfind("/api/", 0) == 0 || req.path.rfind("/oauth2/", 0) == 0 || !static_files) {
    res.status = 404;
    res.set_content(safe_dump(encode_error("No such endpoint: GET " + req.path)), "application/json");
    return;
  }
  // Every spelling of a way out (//x, %2F, backslashes, dot segments, NUL, symlinks) ends here as
  // the same 404 as a file that is not there.
  auto file = static_files->resolve(req.path);
  if (!file) {
    res.status = 404;
    res.set_content("Not found\n", "text/plain; charset=utf-8");
    return;
  }
  std::string body;
  auto accept = req.get_header_value("Accept-Encoding");
  res.set_header("Vary", "Accept-Encoding");
  res.set_header("Cache-Control", file->extension() == ".html" ? "no-cache" : "public, max-age=300");
  auto gz = accept.find("gzip") != std::string::npos ? static_files->precompressed(*file) : std::nullopt;
  if (gz && read_file(*gz, body)) {
    res.set_header("Content-Encoding", "gzip");
  } else if (!read_file(*file, body)) {
    res.status = 500;
    return;
  }
  res.body = std::move(body);
  res.set_header("Content-Type", mime_type(file->string()));
}

bool open_web_root_and_tls(const std::string& web_dir, const std::string& tls_cert, const std::string& tls_key,
                           std::unique_ptr<StaticFiles>& static_files, TlsContext& tls, std::string& error) {
  if (!web_dir.empty()) {
    static_files = std::make_unique<StaticFiles>(web_dir);
    if (!static_files->ok()) {
      error = "--web " + web_dir + " is not a directory";
      return false;
    }
  }
  if (tls_cert.empty() != tls_key.empty()) {
    error = "--tls-cert and --tls-key go together";
    return false;
  }
  if (!tls_cert.empty()) {
    tls = load_server_tls(tls_cert, tls_key, error);
    if (!tls) return false;
  }
  return true;
}

}  // namespace roster::server
