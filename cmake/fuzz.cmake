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

# The software renderer: Dear ImGui's draw data types and the platform layer's two portable files.
if(EXISTS ${IMGUI_DIR}/imgui.cpp)
  add_library(imgui_fuzz STATIC ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
              ${IMGUI_DIR}/imgui_widgets.cpp)
  target_include_directories(imgui_fuzz SYSTEM PUBLIC ${IMGUI_DIR})
  target_compile_definitions(imgui_fuzz PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
  target_compile_options(imgui_fuzz PRIVATE -w)
  add_executable(fuzz_software_raster ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_software_raster.cpp
                 ${CMAKE_SOURCE_DIR}/src/platform/software_raster.cpp ${CMAKE_SOURCE_DIR}/src/platform/frame_damage.cpp)
  target_include_directories(fuzz_software_raster PRIVATE ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(fuzz_software_raster PRIVATE imgui_fuzz)
  target_link_options(fuzz_software_raster PRIVATE -fsanitize=fuzzer)
endif()
