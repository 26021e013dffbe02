#include "server/http/static_files.h"

namespace roster::server {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  auto canonical = fs::canonical(root, ec);
  if (!ec && fs::is_directory(canonical, ec)) root_ = canonical;
}

std::optional<fs::path> StaticFiles::inside_root(const fs::path& candidate) const {
  std::error_code ec;
  auto real = fs::canonical(candidate, ec);  // follows every symlink; fails if absent
  if (ec) return std::nullopt;
  // Compare whole segments: /srv/web-other is not inside /srv/web.
  auto r = root_.begin(), f = real.begin();
  for (; r != root_.end(); ++r, ++f)
    if (f == real.end() || *r != *f) return std::nullopt;
  if (!fs::is_regular_file(real, ec)) return std::nullopt;
  return real;
}

std::optional<fs::path> StaticFiles::resolve(const std::string& decoded_path) const {
  if (root_.empty() || decoded_path.empty() || decoded_path[0] != '/') return std::nullopt;
  fs::path file = root_;
  std::size_t start = 1;
  bool directory = decoded_path.size() == 1;
  while (start < decoded_path.size()) {
    auto slash = decoded_path.find('/', start);
    std::string segment = decoded_path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    const bool last = slash == std::string::npos || slash + 1 == decoded_path.size();
    if (segment.empty() || segment == "." || segment == "..") return std::nullopt;
    for (char ch : segment) {
      auto c = static_cast<unsigned char>(ch);
      if (c < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
    }
    file /= segment;
    if (last) {
      directory = slash != std::string::npos;  // a trailing slash names a folder
      break;
    }
    start = slash + 1;
  }
  std::error_code ec;
  if (directory || fs::is_directory(file, ec)) file /= "index.html";
  return inside_root(file);
}

std::optional<fs::path> StaticFiles::precompressed(const fs::path& file) const {
  return inside_root(fs::path(file.string() + ".gz"));
}

bool content_hashed(const std::string& file_name) {
  const auto ext_dot = file_name.rfind('.');
  if (ext_dot == std::string::npos || ext_dot == 0 || ext_dot + 1 == file_name.size()) return false;
  const auto hash_dot = file_name.rfind('.', ext_dot - 1);
  if (hash_dot == std::string::npos || hash_dot == 0 || ext_dot - hash_dot - 1 < 8) return false;
  for (auto i = hash_dot + 1; i < ext_dot; ++i) {
    const char c = file_name[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace roster::server
