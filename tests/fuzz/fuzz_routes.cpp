// libFuzzer: the URL hash a person can type or a host page can pass. Parsing never fails, and
// printing is canonical: print(parse(x)) parses back to the same route and prints the same text.
#include "store/route.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string hash(reinterpret_cast<const char*>(data), size);
  auto route = roster::store::parse_route(hash);
  auto printed = roster::store::print_route(route);
  if (printed.rfind("#/", 0) != 0) std::abort();
  auto again = roster::store::parse_route(printed);
  if (again != route) std::abort();
  if (roster::store::print_route(again) != printed) std::abort();
  return 0;
}
