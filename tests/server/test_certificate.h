// Test support: a self-signed certificate for 127.0.0.1 made with OpenSSL's API, written as PEM
// files, with an ECDSA (P-256) or an RSA (2048-bit) key: the suites a TLS 1.2 server may choose
// depend on the key's kind.
#pragma once

#include <string>

namespace roster::test {

enum class KeyKind { Ecdsa, Rsa };

void write_self_signed(const std::string& cert_path, const std::string& key_path, KeyKind kind = KeyKind::Ecdsa);

}  // namespace roster::test
