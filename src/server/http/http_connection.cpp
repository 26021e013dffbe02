#include "server/http/http_connection.h"

#include <openssl/err.h>

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace roster::server {

HttpConnection::~HttpConnection() {
  if (ssl) SSL_free(ssl);
  if (fd >= 0) ::close(fd);
}

long HttpConnection::read(char* buf, std::size_t size) {
  if (!ssl) {
    for (;;) {
      ssize_t n = ::recv(fd, buf, size, 0);
      if (n >= 0) return static_cast<long>(n);
      if (errno == EINTR) continue;
      return errno == EAGAIN || errno == EWOULDBLOCK ? kWouldBlock : kBroken;
    }
  }
  ERR_clear_error();
  int n = SSL_read(ssl, buf, static_cast<int>(size));
  if (n > 0) return n;
  int err = SSL_get_error(ssl, n);
  if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) return kWouldBlock;
  if (err == SSL_ERROR_ZERO_RETURN || (err == SSL_ERROR_SYSCALL && errno == 0)) return 0;
  tls_broken = true;
  return kBroken;
}

long HttpConnection::write(const char* data, std::size_t size) {
  if (!ssl) {
    for (;;) {
      ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
      if (n >= 0) return static_cast<long>(n);
      if (errno == EINTR) continue;
      return errno == EAGAIN || errno == EWOULDBLOCK ? kWouldBlock : kBroken;
    }
  }
  ERR_clear_error();
  // A retry after WANT_WRITE passes the same bytes again (the mode allows the buffer to move).
  int n = SSL_write(ssl, data, static_cast<int>(std::min<std::size_t>(size, 1 << 20)));
  if (n > 0) return n;
  int err = SSL_get_error(ssl, n);
  if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) return kWouldBlock;
  tls_broken = true;
  return kBroken;
}

}  // namespace roster::server
