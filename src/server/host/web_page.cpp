#include "server/host/web_page.h"

#include "model/api_error.h"
#include "server/http/request_reply.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
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

// A content-hashed name (static_files.h: NAME.HASH.EXT, as scripts/assemble_site.sh names the build's
// files) never changes, so browsers keep it a year without asking again ("immutable": not even on a
// reload). Everything else (the pages, roster-embed.js, favicon.svg) is revalidated on every use
// against its ETag and answered 304 while unchanged, so the next page load after an upgrade gets the
// new pages, and through them the new hashed names.
const char* cache_control_for(const std::filesystem::path& file) {
  return content_hashed(file.filename().string()) ? "public, max-age=31536000, immutable" : "no-cache";
}

// A strong ETag for the bytes an answer sends: the size and modification time (nanoseconds) of the
// file read, the .gz copy's own for a gzip answer ("-gz" keeps the two representations apart). A
// build writes every file it changes anew, so other bytes always come with another tag.
std::optional<std::string> file_etag(const std::filesystem::path& sent, bool gzip) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(sent, ec);
  if (ec) return std::nullopt;
  const auto modified = std::filesystem::last_write_time(sent, ec);
  if (ec) return std::nullopt;
  char tag[64];
  std::snprintf(tag, sizeof tag, "\"%llx-%llx%s\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(modified.time_since_epoch().count()), gzip ? "-gz" : "");
  return std::string(tag);
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
  auto accept = req.get_header_value("Accept-Encoding");
  res.set_header("Vary", "Accept-Encoding");
  res.set_header("Cache-Control", cache_control_for(*file));
  auto gz = accept.find("gzip") != std::string::npos ? static_files->precompressed(*file) : std::nullopt;
  const auto& sent = gz ? *gz : *file;
  auto tag = file_etag(sent, gz.has_value());
  if (tag && etag_matches(req.get_header_value("If-None-Match"), *tag)) {
    res.status = 304;  // the browser's copy is current: headers only
    res.set_header("ETag", *tag);
    return;
  }
  std::string body;
  if (!tag || !read_file(sent, body)) {
    res.status = 500;
    return;
  }
  res.set_header("ETag", *tag);
  if (gz) res.set_header("Content-Encoding", "gzip");
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
