# Fonts the console draws with, subset from Debian's font packages at build time into ${FONT_DIR}:
# Noto Sans Regular and Bold (Latin, Latin Extended, Greek, Cyrillic) and a few Font Awesome icons.
# What goes into each subset is listed in assets/fonts/: text-unicodes.txt (the text fonts' Unicode
# ranges) and icons.txt (the icons' code points, with the constants of src/ui/theme.h that draw them).
# Used by the web build (embedded in the wasm) and by the native view tests.
set(FONT_DIR ${CMAKE_BINARY_DIR}/fonts)
set(FONT_LISTS ${CMAKE_SOURCE_DIR}/assets/fonts)

# roster_font_unicodes(LIST OUT): the first word of each line of LIST (a code point or range such as
# U+0020-024F; '#' starts a comment, blank lines are skipped), joined as pyftsubset's --unicodes value.
function(roster_font_unicodes list out)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${list})
  # Square brackets would make CMake's list handling merge lines.
  file(READ ${list} text)
  if(text MATCHES "[][]")
    message(FATAL_ERROR "${list}: no square brackets, please (not even in comments)")
  endif()
  file(STRINGS ${list} lines ENCODING UTF-8)
  set(unicodes)
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "#.*" "" line "${line}")
    string(STRIP "${line}" line)
    if(line STREQUAL "")
      continue()
    endif()
    string(REGEX MATCH "^[^ \t]+" first "${line}")
    if(NOT first MATCHES "^U\\+[0-9A-F]+(-[0-9A-F]+)?$")
      message(FATAL_ERROR "${list}: '${line}' does not start with a code point or range (U+0020-024F)")
    endif()
    list(APPEND unicodes ${first})
  endforeach()
  if(NOT unicodes)
    message(FATAL_ERROR "${list} lists no code points")
  endif()
  list(JOIN unicodes "," joined)
  set(${out} ${joined} PARENT_SCOPE)
endfunction()

roster_font_unicodes(${FONT_LISTS}/text-unicodes.txt FONT_UNICODES)
set(FONT_FILES)
foreach(weight Regular Bold)
  set(out ${FONT_DIR}/NotoSans-${weight}.ttf)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${FONT_DIR}
    COMMAND pyftsubset /usr/share/fonts/truetype/noto/NotoSans-${weight}.ttf --unicodes=${FONT_UNICODES}
            --output-file=${out} --layout-features= --no-hinting --desubroutinize
    DEPENDS /usr/share/fonts/truetype/noto/NotoSans-${weight}.ttf ${FONT_LISTS}/text-unicodes.txt
    COMMENT "Subsetting Noto Sans ${weight}")
  list(APPEND FONT_FILES ${out})
endforeach()
# Font Awesome 4.7 (TrueType) for the few icons the console draws, merged into the text fonts.
roster_font_unicodes(${FONT_LISTS}/icons.txt ICON_UNICODES)
set(ICON_FONT ${FONT_DIR}/icons.ttf)
add_custom_command(OUTPUT ${ICON_FONT}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${FONT_DIR}
  COMMAND pyftsubset /usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf
          --unicodes=${ICON_UNICODES}
          --output-file=${ICON_FONT} --no-hinting
  DEPENDS /usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf ${FONT_LISTS}/icons.txt
  COMMENT "Subsetting Font Awesome")
list(APPEND FONT_FILES ${ICON_FONT})
