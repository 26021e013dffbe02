# Web target (emcmake): Dear ImGui + Roster's platform layer compiled to roster.js/roster.wasm, plus
# the page files, subset fonts and precompressed copies in build/web/site, which roster-server serves.
if(NOT EXISTS ${IMGUI_DIR}/imgui.cpp)
  message(FATAL_ERROR "Dear ImGui sources are missing in ${IMGUI_DIR}; run scripts/setup.sh")
endif()

# Optimised for size: the module is downloaded and compiled before the first frame, and -Os made it
# 18 % smaller (gzip) than -O3 for a frame time within noise (bench/console_bench.mjs).
set(CMAKE_C_FLAGS_RELEASE "-Os -DNDEBUG")
set(CMAKE_CXX_FLAGS_RELEASE "-Os -DNDEBUG")

# Debian's header-only libraries, without putting /usr/include (glibc headers) on emcc's path.
set(WEB_SYSTEM_INCLUDE ${CMAKE_BINARY_DIR}/system_include)
file(MAKE_DIRECTORY ${WEB_SYSTEM_INCLUDE})
foreach(dir nlohmann doctest)
  if(EXISTS /usr/include/${dir} AND NOT EXISTS ${WEB_SYSTEM_INCLUDE}/${dir})
    file(CREATE_LINK /usr/include/${dir} ${WEB_SYSTEM_INCLUDE}/${dir} SYMBOLIC)
  endif()
endforeach()
target_include_directories(roster_model SYSTEM PUBLIC ${WEB_SYSTEM_INCLUDE})
foreach(lib roster_model roster_api roster_store)
  target_compile_options(${lib} PRIVATE -fno-exceptions)
endforeach()

add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR})
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
target_compile_options(imgui PRIVATE -w -fno-exceptions)

include(${CMAKE_SOURCE_DIR}/cmake/fonts.cmake)
add_custom_target(roster_fonts DEPENDS ${FONT_FILES})

file(GLOB_RECURSE WEB_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/platform/web/*.cpp)
file(GLOB UI_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/ui/*.cpp)
add_library(roster_ui STATIC ${UI_SOURCES})
target_link_libraries(roster_ui PUBLIC roster_store imgui)
target_compile_options(roster_ui PRIVATE -fno-exceptions)
# The platform layer's portable part (the frame's order, frame damage), shared with the view tests.
file(GLOB PLATFORM_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/platform/*.cpp)
add_library(roster_frame STATIC ${PLATFORM_SOURCES})
target_link_libraries(roster_frame PUBLIC roster_ui)
target_compile_options(roster_frame PRIVATE -fno-exceptions)
# The software renderer and the frame damage it uses run per pixel and per triangle: at -Os nothing in
# their loops is inlined (std::min, the blend, the sampler are calls), and drawing the users list took
# 3x as long (bench/software_raster_bench.cpp under node) for 1.7 KB less gzipped. emcc adds
# -fno-inline-functions whenever it sees -Os, hence -finline-functions after -O2.
# The accessibility mirror's diff runs in every frame that scrolls, over every node on screen: at -O2
# its p50 fell from 0.19-0.24 ms to 0.15-0.18 ms a wheel step (bench/a11y_bench.mjs, 1M users) for
# 1.4 KB more gzipped.
set_source_files_properties(${CMAKE_SOURCE_DIR}/src/platform/software_raster.cpp
  ${CMAKE_SOURCE_DIR}/src/platform/frame_damage.cpp ${CMAKE_SOURCE_DIR}/src/platform/a11y_mirror.cpp
  ${CMAKE_SOURCE_DIR}/src/ui/a11y_tree.cpp PROPERTIES COMPILE_OPTIONS "-O2;-finline-functions")
# Shaders live as files in shaders/ and are embedded into the build as string constants.
file(READ ${CMAKE_SOURCE_DIR}/shaders/imgui.vert IMGUI_VERTEX_SHADER)
file(READ ${CMAKE_SOURCE_DIR}/shaders/imgui.frag IMGUI_FRAGMENT_SHADER)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/shaders/imgui.vert ${CMAKE_SOURCE_DIR}/shaders/imgui.frag)
file(WRITE ${CMAKE_BINARY_DIR}/generated/platform/web/shader_sources.h
  "// Generated from shaders/ by cmake/web.cmake; do not edit.\n#pragma once\n"
  "static const char* const kImguiVertexShader = R\"GLSL(${IMGUI_VERTEX_SHADER})GLSL\";\n"
  "static const char* const kImguiFragmentShader = R\"GLSL(${IMGUI_FRAGMENT_SHADER})GLSL\";\n")

add_executable(roster ${WEB_SOURCES})
target_include_directories(roster PRIVATE ${CMAKE_BINARY_DIR}/generated)
add_dependencies(roster roster_fonts)
target_link_libraries(roster PRIVATE roster_frame)
target_compile_options(roster PRIVATE -fno-exceptions)
set_target_properties(roster PROPERTIES SUFFIX ".js")
target_link_options(roster PRIVATE
  -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sFETCH=1 -sFETCH_SUPPORT_INDEXEDDB=0
  -sALLOW_MEMORY_GROWTH=1 -sMODULARIZE=1 -sEXPORT_NAME=createRosterModule
  -sENVIRONMENT=web -sDYNAMIC_EXECUTION=0 -sDISABLE_EXCEPTION_CATCHING=1 -sFILESYSTEM=1
  "-sEXPORTED_RUNTIME_METHODS=['ccall','UTF8ToString']"
  "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free']"
  -sINITIAL_MEMORY=67108864
  --embed-file ${FONT_DIR}@/fonts
  $<$<CONFIG:Release>:-Os>)

# Font atlases baked for the common device pixel ratios (ui/font_atlas_snapshot.h): the console's own
# font code compiled to WebAssembly and run under node, so a snapshot is what the console would have
# rasterized. Other ratios rasterize at start-up as before.
add_executable(bake_font_atlas ${CMAKE_SOURCE_DIR}/tools/bake_font_atlas.cpp)
target_link_libraries(bake_font_atlas PRIVATE roster_ui)
set_target_properties(bake_font_atlas PROPERTIES SUFFIX ".js")
target_link_options(bake_font_atlas PRIVATE -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1)
set(FONT_ATLAS_DIR ${CMAKE_BINARY_DIR}/font_atlas)
set(FONT_ATLAS_FILES)
foreach(ratio 1 2)
  set(atlas_file ${FONT_ATLAS_DIR}/atlas-${ratio}x.bin)
  add_custom_command(OUTPUT ${atlas_file}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${FONT_ATLAS_DIR}
    COMMAND node --no-experimental-fetch $<TARGET_FILE:bake_font_atlas> ${FONT_DIR} ${ratio} ${atlas_file}
    DEPENDS bake_font_atlas ${FONT_FILES}
    COMMENT "Baking the font atlas at pixel ratio ${ratio}")
  list(APPEND FONT_ATLAS_FILES ${atlas_file})
endforeach()
add_custom_target(roster_font_atlases DEPENDS ${FONT_ATLAS_FILES})

# The site folder: page files, the build output, and gzip copies that roster-server sends when accepted.
# Assembled again whenever web/, the module or the atlases change (no relinking). assemble_site.sh
# names the build's files by content hash (served immutable) and points the pages and roster-embed.js
# at those names.
# The favicon lives with the brand files in assets/brand/ and is served at /favicon.svg (and under a
# hashed name, which the pages use).
set(SITE_DIR ${CMAKE_BINARY_DIR}/site)
file(GLOB WEB_PAGE_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/*)
set(SITE_BRAND_FILES ${CMAKE_SOURCE_DIR}/assets/brand/favicon.svg)
# Only when an input changed (a stamp file stands for the folder): a no-op build of
# the site, as `./roster run` does at every start, costs nothing instead of re-hashing and gzipping it.
set(SITE_STAMP ${CMAKE_BINARY_DIR}/site.stamp)
add_custom_command(OUTPUT ${SITE_STAMP} ${SITE_DIR}/index.html  # the page: a deleted site is made again
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${SITE_DIR}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${SITE_DIR}
  COMMAND ${CMAKE_COMMAND} -E copy ${WEB_PAGE_FILES} ${SITE_BRAND_FILES} ${LOCALE_GEN_DIR}/page-words.js ${SITE_DIR}
  COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_FILE_DIR:roster>/roster.js $<TARGET_FILE_DIR:roster>/roster.wasm ${SITE_DIR}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${SITE_DIR}/fonts
  COMMAND ${CMAKE_COMMAND} -E copy ${FONT_ATLAS_FILES} ${SITE_DIR}/fonts
  COMMAND sh ${CMAKE_SOURCE_DIR}/scripts/assemble_site.sh ${SITE_DIR}
  COMMAND sh ${CMAKE_SOURCE_DIR}/scripts/gzip_site.sh ${SITE_DIR}
  COMMAND ${CMAKE_COMMAND} -E touch ${SITE_STAMP}
  DEPENDS roster $<TARGET_FILE_DIR:roster>/roster.js ${FONT_ATLAS_FILES} ${WEB_PAGE_FILES} ${SITE_BRAND_FILES}
          ${LOCALE_GEN_DIR}/page-words.js
          ${CMAKE_SOURCE_DIR}/scripts/assemble_site.sh ${CMAKE_SOURCE_DIR}/scripts/gzip_site.sh
  COMMENT "Assembling ${SITE_DIR}")
add_custom_target(roster_site ALL DEPENDS ${SITE_STAMP})

# The software renderer's bench (bench/software_raster_bench.cpp) as WebAssembly, run under node:
#   node --no-experimental-fetch build/web/software_raster_bench_wasm.js
add_executable(software_raster_bench_wasm ${CMAKE_SOURCE_DIR}/bench/software_raster_bench.cpp)
target_include_directories(software_raster_bench_wasm PRIVATE ${CMAKE_SOURCE_DIR}/tests/support)
target_link_libraries(software_raster_bench_wasm PRIVATE roster_frame)
target_compile_definitions(software_raster_bench_wasm PRIVATE ROSTER_FONT_DIR="${FONT_DIR}")
add_dependencies(software_raster_bench_wasm roster_fonts)
set_target_properties(software_raster_bench_wasm PROPERTIES SUFFIX ".js")
target_link_options(software_raster_bench_wasm PRIVATE -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=134217728)

# The model, api and store suites again, compiled to WebAssembly and run under node: WASM must
# behave like native.
set(model_TEST_DIRS model)
set(client_TEST_DIRS api store)
foreach(suite model client)
  set(SUITE_SOURCES ${CMAKE_SOURCE_DIR}/tests/support/doctest_main.cpp)
  foreach(dir ${${suite}_TEST_DIRS})
    file(GLOB DIR_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/${dir}/*.cpp)
    list(APPEND SUITE_SOURCES ${DIR_SOURCES})
  endforeach()
  add_executable(${suite}_tests_wasm ${SUITE_SOURCES})
  target_include_directories(${suite}_tests_wasm PRIVATE ${CMAKE_SOURCE_DIR}/tests/support)
  target_link_libraries(${suite}_tests_wasm PRIVATE roster_store)
  target_compile_options(${suite}_tests_wasm PRIVATE -fno-exceptions)
  # Without exceptions a failed REQUIRE cannot leave the test early; it is reported like a CHECK.
  target_compile_definitions(${suite}_tests_wasm PRIVATE DOCTEST_CONFIG_NO_EXCEPTIONS_BUT_WITH_ALL_ASSERTS)
  set_target_properties(${suite}_tests_wasm PROPERTIES SUFFIX ".js")
  target_link_options(${suite}_tests_wasm PRIVATE -sENVIRONMENT=node -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1)
endforeach()
