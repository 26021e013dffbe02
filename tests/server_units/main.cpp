// roster-server's parts tested in-process, without sockets: the request parser, the response
// writer, the sign-in throttle and the expiry of tokens and sessions.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
