# Fonts the console draws with, subset from Debian's font packages at build time into ${FONT_DIR}:
# Noto Sans Regular and Bold (Latin, Latin Extended, Greek, Cyrillic) and a few Font Awesome icons.
# Used by the web build (embedded in the wasm) and by the native view tests.
set(FONT_DIR ${CMAKE_BINARY_DIR}/fonts)
set(FONT_UNICODES "U+0020-024F,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20AC,U+2116,U+2122,U+2190-21FF,U+2212,U+2022")
set(FONT_FILES)
foreach(weight Regular Bold)
  set(out ${FONT_DIR}/NotoSans-${weight}.ttf)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${FONT_DIR}
    COMMAND pyftsubset /usr/share/fonts/truetype/noto/NotoSans-${weight}.ttf --unicodes=${FONT_UNICODES}
            --output-file=${out} --layout-features= --no-hinting --desubroutinize
    DEPENDS /usr/share/fonts/truetype/noto/NotoSans-${weight}.ttf
    COMMENT "Subsetting Noto Sans ${weight}")
  list(APPEND FONT_FILES ${out})
endforeach()
# Font Awesome 4.7 (TrueType) for the few icons the console draws, merged into the text fonts.
set(ICON_FONT ${FONT_DIR}/icons.ttf)
add_custom_command(OUTPUT ${ICON_FONT}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${FONT_DIR}
  COMMAND pyftsubset /usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf
          --unicodes=U+F002,U+F00C,U+F00D,U+F021,U+F054,U+F05A,U+F071,U+F08B,U+F0C0,U+F0C5,U+F0D7,U+F0E8,U+F185,U+F186,U+F2DB
          --output-file=${ICON_FONT} --no-hinting
  DEPENDS /usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf
  COMMENT "Subsetting Font Awesome")
list(APPEND FONT_FILES ${ICON_FONT})
