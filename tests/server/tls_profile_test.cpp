// The TLS profile of `serve --tls-cert` (the proxy loads the same context): Mozilla's
// "intermediate" profile. Each refused client here is one the server must turn away itself: the
// client offers what it is restricted to (TLS 1.1, a CBC suite, static RSA key exchange, all
// possible with an RSA certificate) and the handshake fails on the server's alert, not on the
// client's own refusal to send. The accepted clients get the suite the server's order names.
#include "raw_http.h"
#include "server_process.h"
#include "test_certificate.h"

#include <doctest/doctest.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

using namespace roster::test;

namespace {

struct Handshake {
  bool ok = false;
  int version = 0;     // TLS1_2_VERSION, TLS1_3_VERSION
  std::string cipher;  // OpenSSL's name of the negotiated suite
  int reason = 0;      // OpenSSL's reason for a failure (a server's alert arrives as SSL_R_..._ALERT_...)
  std::string error;
  std::string answer;  // to GET /api/session, when it succeeded
};

struct ClientProfile {
  int min_version = TLS1_2_VERSION;
  int max_version = TLS1_3_VERSION;
  std::string tls12_ciphers;  // empty: OpenSSL's default list
};

// One handshake with a client restricted to `profile`; when it succeeds, one request on it.
Handshake connect_with(int port, const ClientProfile& profile) {
  Handshake h;
  std::unique_ptr<SSL_CTX, void (*)(SSL_CTX*)> ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
  REQUIRE(ctx);
  // Set after the system's openssl.cnf was applied (Debian's says TLS 1.2 at least, security level 2),
  // so that this client really offers what it is restricted to.
  REQUIRE(SSL_CTX_set_min_proto_version(ctx.get(), profile.min_version) == 1);
  REQUIRE(SSL_CTX_set_max_proto_version(ctx.get(), profile.max_version) == 1);
  std::string ciphers = profile.tls12_ciphers.empty() ? "DEFAULT" : profile.tls12_ciphers;
  REQUIRE(SSL_CTX_set_cipher_list(ctx.get(), (ciphers + ":@SECLEVEL=0").c_str()) == 1);
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);  // self-signed; trust is not under test

  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  timeval five{5, 0};  // a server that never answers fails the handshake instead of hanging the test
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &five, sizeof five);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  SSL* ssl = SSL_new(ctx.get());
  REQUIRE(ssl);
  SSL_set_fd(ssl, fd);
  ERR_clear_error();
  if (SSL_connect(ssl) == 1) {
    h.ok = true;
    h.version = SSL_version(ssl);
    h.cipher = SSL_get_cipher_name(ssl);
    const std::string request = "GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    SSL_write(ssl, request.data(), static_cast<int>(request.size()));
    char buf[4096];
    int n;
    while ((n = SSL_read(ssl, buf, sizeof buf)) > 0) h.answer.append(buf, static_cast<std::size_t>(n));
  } else {
    unsigned long e = ERR_peek_last_error();
    h.reason = ERR_GET_REASON(e);
    char text[256] = {};
    ERR_error_string_n(e, text, sizeof text);
    h.error = text;
  }
  SSL_free(ssl);
  ::close(fd);
  return h;
}

// A failure the server caused: it answered the ClientHello with a handshake_failure or
// protocol_version alert (and the client did not give up before sending anything).
bool refused_by_server(const Handshake& h, int alert_reason) { return !h.ok && h.reason == alert_reason; }

struct TlsServer {
  std::string cert, key;
  std::unique_ptr<ServerProcess> server;
  explicit TlsServer(KeyKind kind) {
    auto dir = temp_dir() + (kind == KeyKind::Rsa ? "/tls-profile-rsa" : "/tls-profile-ecdsa");
    std::filesystem::create_directories(dir);
    cert = dir + "/cert.pem";
    key = dir + "/key.pem";
    write_self_signed(cert, key, kind);
    server = std::make_unique<ServerProcess>(shared_db().path,
                                             std::vector<std::string>{"--tls-cert", cert, "--tls-key", key});
  }
};

}  // namespace

TEST_CASE("TLS with an RSA certificate: no CBC suite, no static RSA key exchange, nothing before TLS 1.2") {
  TlsServer tls(KeyKind::Rsa);
  const int port = tls.server->port();

  SUBCASE("a client that offers only a CBC suite (ECDHE-RSA-AES128-SHA) on TLS 1.2 is refused") {
    auto h = connect_with(port, {TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-RSA-AES128-SHA"});
    INFO(h.error);
    CHECK(refused_by_server(h, SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE));
    auto every_cbc = connect_with(port, {TLS1_2_VERSION, TLS1_2_VERSION,
                                         "ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA:"
                                         "AES256-SHA256:AES128-SHA256:AES256-SHA:AES128-SHA"});
    INFO(every_cbc.error);
    CHECK(refused_by_server(every_cbc, SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE));
  }
  SUBCASE("a client that offers only static RSA key exchange (AES128-GCM-SHA256, AES256-GCM-SHA384) is refused") {
    auto h = connect_with(port, {TLS1_2_VERSION, TLS1_2_VERSION, "AES128-GCM-SHA256"});
    INFO(h.error);
    CHECK(refused_by_server(h, SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE));
    auto h256 = connect_with(port, {TLS1_2_VERSION, TLS1_2_VERSION, "AES256-GCM-SHA384"});
    INFO(h256.error);
    CHECK(refused_by_server(h256, SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE));
  }
  SUBCASE("a client limited to TLS 1.1 (or 1.0) is refused with a protocol_version alert") {
    auto h11 = connect_with(port, {TLS1_1_VERSION, TLS1_1_VERSION, ""});
    INFO(h11.error);
    CHECK(refused_by_server(h11, SSL_R_TLSV1_ALERT_PROTOCOL_VERSION));
    auto h10 = connect_with(port, {TLS1_VERSION, TLS1_VERSION, ""});
    INFO(h10.error);
    CHECK(refused_by_server(h10, SSL_R_TLSV1_ALERT_PROTOCOL_VERSION));
  }
  SUBCASE("ECDHE-RSA-AES128-GCM-SHA256 on TLS 1.2 and a default TLS 1.3 client are served") {
    auto gcm = connect_with(port, {TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-RSA-AES128-GCM-SHA256"});
    INFO(gcm.error);
    REQUIRE(gcm.ok);
    CHECK(gcm.version == TLS1_2_VERSION);
    CHECK(gcm.cipher == "ECDHE-RSA-AES128-GCM-SHA256");
    CHECK(status_of(gcm.answer) == 401);
    auto chacha = connect_with(port, {TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-RSA-CHACHA20-POLY1305"});
    INFO(chacha.error);
    CHECK(chacha.cipher == "ECDHE-RSA-CHACHA20-POLY1305");
    auto v13 = connect_with(port, {TLS1_2_VERSION, TLS1_3_VERSION, ""});
    INFO(v13.error);
    REQUIRE(v13.ok);
    CHECK(v13.version == TLS1_3_VERSION);
    CHECK(status_of(v13.answer) == 401);
  }
  SUBCASE("the server's order decides on TLS 1.2: AES-128-GCM first, whatever the client prefers") {
    // A client that prefers a CBC suite, then ChaCha20, then AES-256-GCM, then AES-128-GCM: with the
    // client's order it would get CBC; with the server's it gets the server's first choice.
    auto h = connect_with(port, {TLS1_2_VERSION, TLS1_2_VERSION,
                                 "ECDHE-RSA-AES128-SHA:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384:"
                                 "ECDHE-RSA-AES128-GCM-SHA256"});
    INFO(h.error);
    REQUIRE(h.ok);
    CHECK(h.cipher == "ECDHE-RSA-AES128-GCM-SHA256");
  }
}

TEST_CASE("TLS with an ECDSA certificate: ECDHE-ECDSA with an AEAD only") {
  TlsServer tls(KeyKind::Ecdsa);
  const int port = tls.server->port();
  auto cbc = connect_with(port, {TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384"});
  INFO(cbc.error);
  CHECK(refused_by_server(cbc, SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE));
  auto gcm = connect_with(port, {TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-ECDSA-AES256-GCM-SHA384"});
  INFO(gcm.error);
  CHECK(gcm.cipher == "ECDHE-ECDSA-AES256-GCM-SHA384");
  auto chacha = connect_with(port, {TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-ECDSA-CHACHA20-POLY1305"});
  INFO(chacha.error);
  CHECK(chacha.cipher == "ECDHE-ECDSA-CHACHA20-POLY1305");
}
