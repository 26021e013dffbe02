// Which file of the web root a request path names, if any. The path is checked segment by segment
// (no empty, "." or ".." segment, no backslash, NUL or other control byte) and the file found is
// resolved through every symlink and served only if it is still inside the canonical web root.
// Anything else is "no such file": the caller answers the same 404 as for an absent one.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace roster::server {

class StaticFiles {
 public:
  // `root` must exist; it is canonicalised once.
  explicit StaticFiles(const std::string& root);
  bool ok() const { return !root_.empty(); }

  // `decoded_path` is the request path after percent-decoding, starting with '/'.
  std::optional<std::filesystem::path> resolve(const std::string& decoded_path) const;
  // `file` with ".gz" appended, if that exists inside the root too.
  std::optional<std::filesystem::path> precompressed(const std::filesystem::path& file) const;

 private:
  std::optional<std::filesystem::path> inside_root(const std::filesystem::path& candidate) const;
  std::filesystem::path root_;
};

// Whether a file's name carries a hash of its content, as scripts/assemble_site.sh names the build's
// files: NAME.HASH.EXT with a non-empty NAME, HASH at least 8 lowercase hex digits and a non-empty EXT
// ("roster.3f9a1c2e4b5d.wasm", "atlas-1x.0263829989b6.bin"). Such a file never changes under its
// name (new content gets a new name), so it may be cached for good; any other file may change.
bool content_hashed(const std::string& file_name);

}  // namespace roster::server
