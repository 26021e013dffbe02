#include "ui/widgets.h"

#include "model/locale/messages.h"
#include "model/user.h"
#include "model/utf8.h"

#include "imgui_internal.h"  // ClearActiveID: replace_field_text

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <vector>

namespace roster::ui {

std::string initials(const std::string& name) {
  std::vector<char32_t> cps;
  if (!utf8::decode(name, cps)) return "?";
  std::vector<char32_t> firsts;
  bool at_word_start = true;
  for (char32_t c : cps) {
    if (c == ' ' || c == '-' || c == '.' || c == '\'') {
      at_word_start = c == ' ';
      continue;
    }
    if (at_word_start && utf8::is_letter(c)) firsts.push_back(c);
    at_word_start = false;
  }
  std::string out;
  if (firsts.empty()) return "?";
  utf8::append(out, utf8::to_upper(firsts.front()));
  if (firsts.size() > 1) utf8::append(out, utf8::to_upper(firsts.back()));
  return out;
}

ImU32 avatar_color(std::int64_t user_id) {
  static const ImU32 kPalette[] = {IM_COL32(0x4C, 0x6E, 0xF5, 255), IM_COL32(0x12, 0xB8, 0x86, 255),
                                   IM_COL32(0xF7, 0x67, 0x07, 255), IM_COL32(0xAE, 0x3E, 0xC9, 255),
                                   IM_COL32(0x15, 0xAA, 0xBF, 255), IM_COL32(0xE6, 0x49, 0x80, 255),
                                   IM_COL32(0x74, 0xB8, 0x16, 255), IM_COL32(0x70, 0x48, 0xE8, 255),
                                   IM_COL32(0xFA, 0xB0, 0x05, 255), IM_COL32(0x22, 0x8B, 0xE6, 255)};
  auto h = static_cast<std::uint64_t>(user_id) * 0x9E3779B97F4A7C15ULL;
  return kPalette[(h >> 32) % (sizeof(kPalette) / sizeof(kPalette[0]))];
}

void avatar(const Theme& theme, const std::string& name, std::int64_t user_id, float diameter) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 center(pos.x + diameter * 0.5f, pos.y + diameter * 0.5f);
  draw->AddCircleFilled(center, diameter * 0.5f, avatar_color(user_id), 32);
  std::string text = initials(name);
  // Initials scale with the circle: the 12 px badge font in table rows, the title font on a profile.
  ImGui::PushFont(diameter >= theme.px(44) ? theme.fonts.title : theme.fonts.small_bold);
  ImVec2 size = ImGui::CalcTextSize(text.c_str());
  draw->AddText(ImVec2(std::floor(center.x - size.x * 0.5f), std::floor(center.y - size.y * 0.5f)), IM_COL32_WHITE,
                text.c_str());
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(diameter, diameter));
}

float badge_height(const Theme& theme) { return theme.fonts.small_bold->FontSize + theme.px(6); }

float badge(const Theme& theme, const char* text, ImU32 text_color, ImU32 fill) {
  ImGui::PushFont(theme.fonts.small_bold);
  ImVec2 size = ImGui::CalcTextSize(text);
  ImVec2 pad(theme.px(8), theme.px(3));  // badge_height(): the font and twice pad.y
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 end(pos.x + size.x + pad.x * 2, pos.y + size.y + pad.y * 2);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, end, fill, (end.y - pos.y) * 0.5f);
  draw->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), text_color, text);
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(end.x - pos.x, end.y - pos.y));
  return end.x - pos.x;
}

void status_badge(const Theme& theme, const std::string& status) {
  const Palette& p = theme.colors;
  if (status == "Active")
    badge(theme, status_word(status), p.green, p.green_soft);
  else if (status == "Pending")
    badge(theme, status_word(status), p.amber, p.amber_soft);
  else if (status == "Suspended")
    badge(theme, status_word(status), p.red, p.red_soft);
  else if (status == "Inactive")
    badge(theme, status_word(status), p.grey, p.grey_soft);
  else if (!status.empty())
    badge(theme, status.c_str(), p.grey, p.grey_soft);
}

void tag_chip(const Theme& theme, const Tag& tag) {
  const std::string& c = tag.color;
  auto hex = [&](std::size_t i) -> int {
    char ch = c[i];
    return ch >= '0' && ch <= '9'   ? ch - '0'
           : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
           : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                    : -1;
  };
  bool valid = c.size() == 7 && c[0] == '#';
  for (std::size_t i = 1; valid && i < 7; ++i) valid = hex(i) >= 0;
  if (!valid) {
    badge(theme, tag.name.c_str(), theme.colors.text, theme.colors.grey_soft);
    return;
  }
  int r = hex(1) * 16 + hex(2), g = hex(3) * 16 + hex(4), b = hex(5) * 16 + hex(6);
  // The colour itself for the text (darkened in the light theme, as it sits on white), a tint of it
  // behind.
  float k = theme.dark ? 1.0f : 0.7f;
  ImU32 text = IM_COL32(static_cast<int>(r * k), static_cast<int>(g * k), static_cast<int>(b * k), 255);
  badge(theme, tag.name.c_str(), text, IM_COL32(r, g, b, theme.dark ? 60 : 40));
}

void empty_card(const Theme& t, ImVec2 size, const std::string& message, const std::string& hint) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), t.colors.surface, t.px(8));
  draw->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), t.colors.border, t.px(8));
  float y = pos.y + std::min(size.y * 0.38f, t.px(140));
  ImGui::PushFont(t.fonts.body_bold);
  float mw = std::min(ImGui::CalcTextSize(message.c_str()).x, size.x - t.px(48));
  ImGui::SetCursorScreenPos(ImVec2(pos.x + (size.x - mw) * 0.5f, y));
  fitted_text(t, message, size.x - t.px(48));
  ImGui::PopFont();
  if (!hint.empty()) {
    float hw = std::min(ImGui::CalcTextSize(hint.c_str()).x, size.x - t.px(48));
    ImGui::SetCursorScreenPos(ImVec2(pos.x + (size.x - hw) * 0.5f, y + t.px(28)));
    fitted_text(t, hint, size.x - t.px(48), t.colors.muted);
  }
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + size.y));
  ImGui::Dummy(ImVec2(0, 0));
}

bool underline_tab(const Theme& t, const char* label, bool active) {
  const Palette& p = t.colors;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushFont(active ? t.fonts.body_bold : t.fonts.body);
  ImVec2 size = ImGui::CalcTextSize(label);
  bool clicked = ImGui::InvisibleButton("tab", ImVec2(size.x, size.y + t.px(12)));
  bool hovered = ImGui::IsItemHovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddText(pos, active ? p.accent : hovered ? p.text : p.muted, label);
  ImGui::PopFont();
  if (active)
    draw->AddRectFilled(ImVec2(pos.x, pos.y + size.y + t.px(8)), ImVec2(pos.x + size.x, pos.y + size.y + t.px(10)),
                        p.accent);
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  return clicked && !active;
}

bool flow_same_line(float width, float spacing) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + spacing + width > right + 0.5f) return false;
  ImGui::SameLine(0, spacing);
  return true;
}

float framed_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

float button_width(const Theme& t, const char* label) {
  ImGui::PushFont(t.fonts.body_bold);
  const float w = framed_width(label);
  ImGui::PopFont();
  return w;
}

void replace_field_text(const char* imgui_id, char* buffer, std::size_t size, const std::string& text) {
  if (ImGui::GetActiveID() == ImGui::GetID(imgui_id)) ImGui::ClearActiveID();
  std::snprintf(buffer, size, "%s", text.c_str());
}

void close_popup_on_escape() {
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows))
    ImGui::CloseCurrentPopup();
}

void placeholder_bar(const Theme& theme, float width, float height) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), theme.colors.placeholder,
                                            height * 0.5f);
  ImGui::Dummy(ImVec2(width, height));
}

namespace {

// `fill`: the colour of a primary button (white text on it), 0 for a secondary one.
bool button(const Theme& theme, const char* label, ImU32 fill) {
  const Palette& p = theme.colors;
  const bool primary = fill != 0;
  const ImVec4 f = to_vec4(fill);
  ImGui::PushStyleColor(ImGuiCol_Button, primary ? f : to_vec4(p.surface));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered,
                        primary ? ImVec4(f.x * 0.9f, f.y * 0.9f, f.z * 0.9f, 1) : to_vec4(p.hover));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, primary ? f : to_vec4(p.selected));
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(primary ? p.on_fill : p.text));
  ImGui::PushStyleColor(ImGuiCol_Border, primary ? f : to_vec4(p.control_border));
  ImGui::PushFont(theme.fonts.body_bold);
  bool pressed = ImGui::Button(label);
  ImGui::PopFont();
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImGui::PopStyleColor(5);
  return pressed;
}

}  // namespace

bool primary_button(const Theme& theme, const char* label) { return button(theme, label, theme.colors.accent_fill); }
bool secondary_button(const Theme& theme, const char* label) { return button(theme, label, 0); }
bool danger_button(const Theme& theme, const char* label) { return button(theme, label, theme.colors.danger); }

std::string with_ellipsis(const std::string& text, float max_width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= max_width) return text;
  const char* ellipsis = "\xE2\x80\xA6";
  const float ell = ImGui::CalcTextSize(ellipsis).x;
  // Longest prefix (on a code point boundary) that fits with the ellipsis; ImGui has no kerning,
  // so glyph advances add up.
  std::size_t lo = 0;
  float width = 0;
  for (std::size_t b = 0; b < text.size();) {
    std::size_t next = b + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    width += ImGui::CalcTextSize(text.c_str() + b, text.c_str() + next).x;
    if (width + ell > max_width) break;
    lo = b = next;
  }
  return text.substr(0, lo) + ellipsis;
}

bool fitted_text(const Theme& theme, const std::string& text, float max_width, ImU32 color, TextMatch match) {
  if (!color) color = theme.colors.text;
  const std::string shown = with_ellipsis(text, max_width);
  const bool cut = shown != text;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  std::size_t b = match.begin, e = match.end;
  if (match.found() && e <= text.size() && b < shown.size()) {
    e = std::min(e, cut ? shown.size() - 3 : shown.size());
    float x0 = ImGui::CalcTextSize(shown.c_str(), shown.c_str() + b).x;
    float x1 = ImGui::CalcTextSize(shown.c_str(), shown.c_str() + e).x;
    float h = ImGui::GetFontSize();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(pos.x + x0 - theme.px(1), pos.y),
                                              ImVec2(pos.x + x1 + theme.px(1), pos.y + h), theme.colors.accent_soft,
                                              theme.px(3));
  }
  ImGui::GetWindowDrawList()->AddText(pos, color, shown.c_str());
  ImGui::Dummy(ImVec2(ImGui::CalcTextSize(shown.c_str()).x, ImGui::GetFontSize()));
  return cut;
}

}  // namespace roster::ui
