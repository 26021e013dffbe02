# Native targets: roster-server, the test suites and the benchmarks.
include(cmake/server.cmake)

enable_testing()

# Test folders mirror src/; tests/support holds the doctest main and the fake transport.
set(TEST_MAIN ${CMAKE_SOURCE_DIR}/tests/support/doctest_main.cpp)
file(GLOB MODEL_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/model/*.cpp)
add_executable(model_tests ${TEST_MAIN} ${MODEL_TEST_SOURCES})
target_link_libraries(model_tests PRIVATE roster_model)
add_test(NAME model COMMAND model_tests)

file(GLOB CLIENT_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/api/*.cpp ${CMAKE_SOURCE_DIR}/tests/store/*.cpp)
add_executable(client_tests ${TEST_MAIN} ${CLIENT_TEST_SOURCES})
target_include_directories(client_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests/support)
target_link_libraries(client_tests PRIVATE roster_store)
add_test(NAME client COMMAND client_tests)

file(GLOB SERVER_UNIT_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/server_units/*.cpp)
add_executable(server_unit_tests ${SERVER_UNIT_TEST_SOURCES})
target_link_libraries(server_unit_tests PRIVATE roster_server_lib)
add_test(NAME server_units COMMAND server_unit_tests)

file(GLOB SERVER_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/server/*.cpp)
add_executable(server_contract_tests ${SERVER_TEST_SOURCES})
target_link_libraries(server_contract_tests PRIVATE roster_model PkgConfig::HTTPLIB PkgConfig::SQLITE3 OpenSSL::SSL
                      OpenSSL::Crypto ZLIB::ZLIB Threads::Threads)
target_compile_definitions(server_contract_tests PRIVATE
  ROSTER_SERVER_BINARY="$<TARGET_FILE:roster-server>")
add_dependencies(server_contract_tests roster-server)
add_test(NAME server_contract COMMAND server_contract_tests)

add_executable(slow_sockets ${CMAKE_SOURCE_DIR}/bench/slow_sockets.cpp)

add_executable(api_latency_bench ${CMAKE_SOURCE_DIR}/bench/api_latency.cpp)
target_link_libraries(api_latency_bench PRIVATE roster_model PkgConfig::HTTPLIB Threads::Threads)

# The delay between a sign-out on one proxy instance and the others refusing it (bench/proxy_ha_bench.sh).
add_executable(proxy_ha_probe ${CMAKE_SOURCE_DIR}/bench/proxy_ha_probe.cpp)
target_link_libraries(proxy_ha_probe PRIVATE roster_model PkgConfig::HTTPLIB Threads::Threads)

add_executable(admin_bench ${CMAKE_SOURCE_DIR}/bench/admin_bench.cpp)
target_link_libraries(admin_bench PRIVATE PkgConfig::HTTPLIB Threads::Threads)

# Headless view tests: the real views drawn by Dear ImGui without a GPU, driven by simulated input.
if(EXISTS ${IMGUI_DIR}/imgui.cpp)
  include(${CMAKE_SOURCE_DIR}/cmake/fonts.cmake)
  add_custom_target(roster_fonts ALL DEPENDS ${FONT_FILES})
  add_library(imgui_headless STATIC ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp
              ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp)
  target_include_directories(imgui_headless SYSTEM PUBLIC ${IMGUI_DIR})
  target_compile_definitions(imgui_headless PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
  target_compile_options(imgui_headless PRIVATE -w)
  file(GLOB UI_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/ui/*.cpp)
  add_library(roster_ui STATIC ${UI_SOURCES})
  target_link_libraries(roster_ui PUBLIC roster_store imgui_headless)
  file(GLOB PLATFORM_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/platform/*.cpp)
  add_library(roster_frame STATIC ${PLATFORM_SOURCES})
  target_link_libraries(roster_frame PUBLIC roster_ui)
  file(GLOB VIEW_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/ui/*.cpp ${CMAKE_SOURCE_DIR}/tests/platform/*.cpp)
  add_executable(view_tests ${TEST_MAIN} ${VIEW_TEST_SOURCES})
  target_include_directories(view_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests/support)
  target_link_libraries(view_tests PRIVATE roster_frame)
  target_compile_definitions(view_tests PRIVATE ROSTER_FONT_DIR="${FONT_DIR}")
  # tests/ui/clipped_text_probe.cpp sees every text ImGui draws: both ImDrawList::AddText overloads
  # (mangled) go through its wrappers in this binary only.
  target_link_options(view_tests PRIVATE -Wl,--wrap=_ZN10ImDrawList7AddTextEPK6ImFontfRK6ImVec2jPKcS7_fPK6ImVec4
                      -Wl,--wrap=_ZN10ImDrawList7AddTextERK6ImVec2jPKcS4_)
  add_dependencies(view_tests roster_fonts)
  add_test(NAME views COMMAND view_tests)

  # The software renderer drawing the real console's users list (bench/README.md).
  add_executable(software_raster_bench ${CMAKE_SOURCE_DIR}/bench/software_raster_bench.cpp)
  target_include_directories(software_raster_bench PRIVATE ${CMAKE_SOURCE_DIR}/tests/support)
  target_link_libraries(software_raster_bench PRIVATE roster_frame)
  target_compile_definitions(software_raster_bench PRIVATE ROSTER_FONT_DIR="${FONT_DIR}")
  add_dependencies(software_raster_bench roster_fonts)
endif()

# The proxy's contract tests: real roster-server processes (a TLS upstream and the proxy), and the
# contract suite's process, HTTP and SQL-edit helpers.
file(GLOB PROXY_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/proxy/*.cpp)
add_executable(proxy_contract_tests ${PROXY_TEST_SOURCES} ${CMAKE_SOURCE_DIR}/tests/server/server_process.cpp
               ${CMAKE_SOURCE_DIR}/tests/server/api_helpers.cpp ${CMAKE_SOURCE_DIR}/tests/server/sql_edit.cpp)
target_include_directories(proxy_contract_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests/server)
target_link_libraries(proxy_contract_tests PRIVATE roster_model PkgConfig::HTTPLIB PkgConfig::SQLITE3 OpenSSL::SSL
                      OpenSSL::Crypto Threads::Threads)
target_compile_definitions(proxy_contract_tests PRIVATE ROSTER_SERVER_BINARY="$<TARGET_FILE:roster-server>")
add_dependencies(proxy_contract_tests roster-server)
add_test(NAME proxy_contract COMMAND proxy_contract_tests)

# The proxy store's contract: the same cases against a SQLite file and a PostgreSQL cluster the
# binary starts itself (tests/proxy_ha/pg_cluster.cpp: its own folder, port and socket; as the
# postgres user when run as root).
file(GLOB PROXY_STORE_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/proxy_store/*.cpp)
add_executable(proxy_store_tests ${PROXY_STORE_TEST_SOURCES} ${CMAKE_SOURCE_DIR}/tests/proxy_ha/pg_cluster.cpp)
target_include_directories(proxy_store_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests/proxy_ha)
target_link_libraries(proxy_store_tests PRIVATE roster_server_lib)
add_test(NAME proxy_store COMMAND proxy_store_tests)

# The proxy scaled out: PostgreSQL (started by the test), a TLS --public-api-only upstream, three
# proxies and HAProxy in front (tests/proxy_ha/ha_setup.h), with the proxy suite's process helpers.
file(GLOB PROXY_HA_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/proxy_ha/*.cpp)
add_executable(proxy_ha_tests ${PROXY_HA_TEST_SOURCES} ${CMAKE_SOURCE_DIR}/tests/proxy/proxy_support.cpp
               ${CMAKE_SOURCE_DIR}/tests/proxy/scripted_upstream.cpp ${CMAKE_SOURCE_DIR}/tests/server/server_process.cpp
               ${CMAKE_SOURCE_DIR}/tests/server/api_helpers.cpp ${CMAKE_SOURCE_DIR}/tests/server/sql_edit.cpp)
target_include_directories(proxy_ha_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests/server ${CMAKE_SOURCE_DIR}/tests/proxy)
target_link_libraries(proxy_ha_tests PRIVATE roster_model PkgConfig::HTTPLIB PkgConfig::SQLITE3 OpenSSL::SSL
                      OpenSSL::Crypto Threads::Threads)
target_compile_definitions(proxy_ha_tests PRIVATE ROSTER_SERVER_BINARY="$<TARGET_FILE:roster-server>")
add_dependencies(proxy_ha_tests roster-server)
add_test(NAME proxy_ha COMMAND proxy_ha_tests)
