# roster-server and what it needs: shared by the native build and the fuzz build.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
find_package(OpenSSL REQUIRED)
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)

target_link_libraries(roster_model PUBLIC nlohmann_json::nlohmann_json)

# roster-server: everything but main.cpp goes into a library so tests can reuse the seeding code.
file(GLOB SERVER_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/server/*.cpp)
list(REMOVE_ITEM SERVER_SOURCES ${CMAKE_SOURCE_DIR}/src/server/main.cpp)
add_library(roster_server_lib STATIC ${SERVER_SOURCES})
target_link_libraries(roster_server_lib PUBLIC roster_model PkgConfig::SQLITE3 PkgConfig::HTTPLIB
                      OpenSSL::SSL OpenSSL::Crypto ZLIB::ZLIB Threads::Threads)
add_executable(roster-server ${CMAKE_SOURCE_DIR}/src/server/main.cpp)
target_link_libraries(roster-server PRIVATE roster_server_lib)

