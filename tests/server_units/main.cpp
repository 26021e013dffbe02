// roster-server's parts tested in-process, without sockets: the request parser, the response
// writer, the sign-in throttle and the expiry of tokens and sessions, the actions log histogram's
// buckets, and the user and device indexes held in memory.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
