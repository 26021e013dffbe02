#include "server/http/tls_context.h"

namespace roster::server {

TlsContext load_server_tls(const std::string& cert_file, const std::string& key_file, std::string& error) {
  TlsContext tls(SSL_CTX_new(TLS_server_method()), SSL_CTX_free);
  if (!tls || SSL_CTX_set_min_proto_version(tls.get(), TLS1_2_VERSION) != 1 ||
      SSL_CTX_use_certificate_chain_file(tls.get(), cert_file.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(tls.get(), key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(tls.get()) != 1) {
    error = "cannot load the TLS certificate or key (" + cert_file + ", " + key_file + ")";
    return TlsContext(nullptr, SSL_CTX_free);
  }
  // Writes resume from the same buffer after WANT_WRITE, which the event loop guarantees.
  SSL_CTX_set_mode(tls.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  // A client that closes without close_notify has still sent its request: treat it as an end.
  SSL_CTX_set_options(tls.get(), SSL_OP_IGNORE_UNEXPECTED_EOF);
  return tls;
}

}  // namespace roster::server
