#include "clipped_text_probe.h"

#include "imgui_internal.h"  // ImMin, ImMax; ImDrawList's current clip rectangle

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <cstring>

namespace roster::test {

namespace {

ClippedTextProbe* active_probe = nullptr;

// A text's advance may end a pixel past its last glyph's ink; less than that is not a cut.
constexpr float kTolerance = 1.0f;

void check(const ImDrawList* list, const ImFont* font, float size, const ImVec2& pos, ImU32 col, const char* begin,
           const char* end, float wrap_width, const ImVec4* fine_clip) {
  if (!active_probe || (col & IM_COL32_A_MASK) == 0 || !begin) return;
  if (!end) end = begin + std::strlen(begin);
  if (begin == end) return;
  if (!font) font = list->_Data->Font;
  if (size == 0.0f) size = list->_Data->FontSize;
  ImVec4 clip = list->_CmdHeader.ClipRect;  // what ImDrawList::AddText clips to
  if (fine_clip) {
    clip.x = ImMax(clip.x, fine_clip->x), clip.y = ImMax(clip.y, fine_clip->y);
    clip.z = ImMin(clip.z, fine_clip->z), clip.w = ImMin(clip.w, fine_clip->w);
  }
  active_probe->record_drawn(std::string(begin, end));
  const ImVec2 whole = font->CalcTextSizeA(size, FLT_MAX, wrap_width, begin, end);
  const float x0 = pos.x, x1 = pos.x + whole.x, y0 = pos.y, y1 = pos.y + whole.y;
  // A text on a visible line that begins past the right edge is lost whole (the end of a toolbar that
  // did not wrap); one above or below the clip was scrolled away, and is not a cut.
  const bool on_visible_line = y1 > clip.y && y0 < clip.w && x1 > clip.x;
  if (on_visible_line && (x0 < clip.x - kTolerance || x1 > clip.z + kTolerance))
    active_probe->record_clipped({std::string(begin, end), x0, x1, clip.x, clip.z});
}

}  // namespace

ClippedTextProbe::ClippedTextProbe() { active_probe = this; }
ClippedTextProbe::~ClippedTextProbe() { active_probe = nullptr; }

void ClippedTextProbe::record_clipped(ClippedText text) {
  for (const ClippedText& t : found_)  // a screen drawn for several frames cuts the same text each time
    if (t.text == text.text && t.x0 == text.x0 && t.clip_x1 == text.clip_x1) return;
  found_.push_back(std::move(text));
}

bool ClippedTextProbe::drew(const std::string& text) const {
  return std::find(drawn_.begin(), drawn_.end(), text) != drawn_.end();
}

std::string ClippedTextProbe::describe() const {
  std::string out;
  for (const ClippedText& t : found_) {
    char where[96];
    std::snprintf(where, sizeof where, " runs %.0f..%.0f, clipped to %.0f..%.0f\n", t.x0, t.x1, t.clip_x0, t.clip_x1);
    out += "\"" + t.text + "\"" + where;
  }
  return out;
}

}  // namespace roster::test

// The wrapped functions (the linker sends ImGui's calls here, and __real_ to the originals): the
// mangled names of ImDrawList::AddText(const ImFont*, float, const ImVec2&, ImU32, const char*,
// const char*, float, const ImVec4*) and ImDrawList::AddText(const ImVec2&, ImU32, const char*,
// const char*), `this` first.
extern "C" {
void __real__ZN10ImDrawList7AddTextEPK6ImFontfRK6ImVec2jPKcS7_fPK6ImVec4(ImDrawList*, const ImFont*, float,
                                                                         const ImVec2&, ImU32, const char*, const char*,
                                                                         float, const ImVec4*);
void __real__ZN10ImDrawList7AddTextERK6ImVec2jPKcS4_(ImDrawList*, const ImVec2&, ImU32, const char*, const char*);

void __wrap__ZN10ImDrawList7AddTextEPK6ImFontfRK6ImVec2jPKcS7_fPK6ImVec4(ImDrawList* list, const ImFont* font,
                                                                         float size, const ImVec2& pos, ImU32 col,
                                                                         const char* begin, const char* end,
                                                                         float wrap_width, const ImVec4* fine_clip) {
  roster::test::check(list, font, size, pos, col, begin, end, wrap_width, fine_clip);
  __real__ZN10ImDrawList7AddTextEPK6ImFontfRK6ImVec2jPKcS7_fPK6ImVec4(list, font, size, pos, col, begin, end,
                                                                      wrap_width, fine_clip);
}

void __wrap__ZN10ImDrawList7AddTextERK6ImVec2jPKcS4_(ImDrawList* list, const ImVec2& pos, ImU32 col, const char* begin,
                                                     const char* end) {
  roster::test::check(list, nullptr, 0.0f, pos, col, begin, end, 0.0f, nullptr);
  __real__ZN10ImDrawList7AddTextERK6ImVec2jPKcS4_(list, pos, col, begin, end);
}
}
