# Native targets: roster-server, the test suites and the benchmarks.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
find_package(OpenSSL REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)

target_link_libraries(roster_model PUBLIC nlohmann_json::nlohmann_json)

# roster-server: everything but main.cpp goes into a library so tests can reuse the seeding code.
file(GLOB SERVER_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/server/*.cpp)
list(REMOVE_ITEM SERVER_SOURCES ${CMAKE_SOURCE_DIR}/src/server/main.cpp)
add_library(roster_server_lib STATIC ${SERVER_SOURCES})
target_link_libraries(roster_server_lib PUBLIC roster_model PkgConfig::SQLITE3 PkgConfig::HTTPLIB
                      OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
add_executable(roster-server ${CMAKE_SOURCE_DIR}/src/server/main.cpp)
target_link_libraries(roster-server PRIVATE roster_server_lib)

enable_testing()

file(GLOB MODEL_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/model/*.cpp)
add_executable(model_tests ${MODEL_TEST_SOURCES})
target_link_libraries(model_tests PRIVATE roster_model)
add_test(NAME model COMMAND model_tests)

file(GLOB CLIENT_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/client/*.cpp)
add_executable(client_tests ${CLIENT_TEST_SOURCES})
target_link_libraries(client_tests PRIVATE roster_store)
add_test(NAME client COMMAND client_tests)

file(GLOB SERVER_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/server/*.cpp)
add_executable(server_contract_tests ${SERVER_TEST_SOURCES})
target_link_libraries(server_contract_tests PRIVATE roster_model PkgConfig::HTTPLIB Threads::Threads)
target_compile_definitions(server_contract_tests PRIVATE
  ROSTER_SERVER_BINARY="$<TARGET_FILE:roster-server>")
add_dependencies(server_contract_tests roster-server)
add_test(NAME server_contract COMMAND server_contract_tests)

add_executable(api_latency_bench ${CMAKE_SOURCE_DIR}/bench/api_latency.cpp)
target_link_libraries(api_latency_bench PRIVATE roster_model PkgConfig::HTTPLIB Threads::Threads)
