# Fuzz targets (ARCHITECTURE ring 5): libFuzzer with AddressSanitizer and UBSan, built by clang in a
# tree of their own (build/fuzz). Everything here is compiled instrumented; `./roster test` runs each
# target for a short while from the seed inputs in tests/fuzz/corpus/<target>/.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "ROSTER_FUZZ needs clang (CXX=clang++)")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g)
add_link_options(-fsanitize=address,undefined)
include(cmake/server.cmake)

foreach(target fuzz_api_responses fuzz_routes fuzz_server_requests fuzz_http_parser fuzz_proxy_requests)
  add_executable(${target} ${CMAKE_SOURCE_DIR}/tests/fuzz/${target}.cpp)
  target_link_options(${target} PRIVATE -fsanitize=fuzzer)
endforeach()
target_link_libraries(fuzz_api_responses PRIVATE roster_api)
target_link_libraries(fuzz_routes PRIVATE roster_store)
target_link_libraries(fuzz_server_requests PRIVATE roster_server_lib)
target_link_libraries(fuzz_http_parser PRIVATE roster_server_lib)
target_link_libraries(fuzz_proxy_requests PRIVATE roster_server_lib)
