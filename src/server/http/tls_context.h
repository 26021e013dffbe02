// The TLS context a roster-server listener uses (serve and proxy alike): Mozilla's "intermediate"
// profile (TLS 1.2 and 1.3, ECDHE with AES-GCM or ChaCha20-Poly1305 only, in the server's order, no
// renegotiation, compression or session tickets), the certificate chain and key from PEM files,
// partial writes as the event loop needs them.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>

namespace roster::server {

using TlsContext = std::unique_ptr<SSL_CTX, void (*)(SSL_CTX*)>;

// Null with `error` when the files cannot be loaded or do not match.
TlsContext load_server_tls(const std::string& cert_file, const std::string& key_file, std::string& error);

}  // namespace roster::server
