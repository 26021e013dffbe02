#include "server/http/tls_context.h"

namespace roster::server {

namespace {

// Mozilla's server-side TLS guidance, "intermediate": TLS 1.2 and 1.3; on 1.2 only forward-secret
// (ECDHE) key exchange with an AEAD (AES-GCM or ChaCha20-Poly1305), for ECDSA and RSA certificates.
// No CBC suite (Lucky 13 and its kin), no static RSA key exchange (no forward secrecy, ROBOT), no
// finite-field DHE (a server-chosen group the client cannot judge). Stronger first: the server's
// order decides.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
// TLS 1.3 has only AEAD suites with forward secrecy; these are all of them that a client may offer
// (the CCM ones left out, as the guidance does).
constexpr const char* kTls13Suites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
constexpr const char* kGroups = "X25519:P-256:P-384";

}  // namespace

TlsContext load_server_tls(const std::string& cert_file, const std::string& key_file, std::string& error) {
  TlsContext tls(SSL_CTX_new(TLS_server_method()), SSL_CTX_free);
  if (!tls || SSL_CTX_set_min_proto_version(tls.get(), TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(tls.get(), TLS1_3_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(tls.get(), kTls12Ciphers) != 1 ||
      SSL_CTX_set_ciphersuites(tls.get(), kTls13Suites) != 1 || SSL_CTX_set1_groups_list(tls.get(), kGroups) != 1) {
    error = "cannot set up TLS (this OpenSSL lacks TLS 1.2 or 1.3, ECDHE or an AEAD cipher)";
    return TlsContext(nullptr, SSL_CTX_free);
  }
  if (SSL_CTX_use_certificate_chain_file(tls.get(), cert_file.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(tls.get(), key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(tls.get()) != 1) {
    error = "cannot load the TLS certificate or key (" + cert_file + ", " + key_file + ")";
    return TlsContext(nullptr, SSL_CTX_free);
  }
  // Writes resume from the same buffer after WANT_WRITE, which the event loop guarantees.
  SSL_CTX_set_mode(tls.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  // A client that closes without close_notify has still sent its request: treat it as an end. The
  // server's order of the lists above, not the client's. No renegotiation (a client could make the
  // server redo handshakes on one connection), no compression (CRIME). No stateless session
  // tickets: a ticket is sealed with a key that lives as long as the process, so one stolen key
  // would open every recorded session; resumption stays possible through the server's own cache.
  SSL_CTX_set_options(tls.get(), SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_CIPHER_SERVER_PREFERENCE |
                                     SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION | SSL_OP_NO_TICKET);
  return tls;
}

}  // namespace roster::server
