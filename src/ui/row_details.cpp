#include "ui/row_details.h"

#include "model/locale/messages.h"

#include "imgui_internal.h"  // RenderTextEllipsis: the values are drawn, not laid out as items of the first column

#include <algorithm>
#include <cmath>

namespace roster::ui {

namespace {

float line_height(const Theme& t) { return t.px(24); }

}  // namespace

float details_disclosure_width(const Theme& t) { return t.px(28); }

float details_height(const Theme& t, int lines) { return static_cast<float>(lines) * line_height(t) + t.px(8); }

bool details_disclosure(UiContext& ctx, bool open, ImVec2 at, float row_h, const std::string& mark,
                        const std::string& parent) {
  const Theme& t = ctx.theme;
  const float w = details_disclosure_width(t);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + std::floor((row_h - w) * 0.5f)));
  const bool clicked = ImGui::InvisibleButton("##details", ImVec2(w, w));
  const bool hovered = ImGui::IsItemHovered();
  ctx.mark(mark);
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (hovered) {
    draw->AddRectFilled(a, b, t.colors.hover, t.px(6));
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    // A finger's tap leaves the pointer there: no tooltip that would then stay over the details.
    if (ImGui::GetIO().MouseSource != ImGuiMouseSource_TouchScreen) ImGui::SetTooltip("%s", tr(Msg::table_row_details));
  }
  // A chevron in two strokes, right when closed, down when open (the icon font's atlas has no down
  // chevron).
  const float cx = (a.x + b.x) * 0.5f, cy = (a.y + b.y) * 0.5f, h = t.px(4), stroke = t.px(2);
  const ImU32 color = open ? t.colors.text : t.colors.muted;
  if (open) {
    draw->AddLine(ImVec2(cx - h * 1.5f, cy - h * 0.75f), ImVec2(cx, cy + h * 0.75f), color, stroke);
    draw->AddLine(ImVec2(cx, cy + h * 0.75f), ImVec2(cx + h * 1.5f, cy - h * 0.75f), color, stroke);
  } else {
    draw->AddLine(ImVec2(cx - h * 0.75f, cy - h * 1.5f), ImVec2(cx + h * 0.75f, cy), color, stroke);
    draw->AddLine(ImVec2(cx + h * 0.75f, cy), ImVec2(cx - h * 0.75f, cy + h * 1.5f), color, stroke);
  }
  if (ctx.a11y) {
    A11yNode& n = ctx.a11y->add_last_item(mark, parent, "button", tr(Msg::table_row_details));
    n.expanded = open ? 1 : 0;
    n.clicks = true;
  }
  ImGui::SetCursorScreenPos(start);
  return clicked;
}

void draw_details(UiContext& ctx, const ColumnSpec* columns, int count, std::uint32_t dropped,
                  const std::function<std::string(int column)>& text, ImVec2 at, float right,
                  const std::string& row_id) {
  const Theme& t = ctx.theme;
  const float line_h = line_height(t);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // The lines run under every column of the row, not only the first cell's width.
  ImGui::PushClipRect(ImVec2(at.x, at.y), ImVec2(right, at.y + details_height(t, count)), false);
  // The titles in one column of their own: as wide as the widest, at most a third of the width.
  float label_w = 0;
  for (int c = 0; c < count; ++c)
    if (dropped & (1u << c)) label_w = std::max(label_w, ImGui::CalcTextSize(tr(columns[c].title)).x);
  label_w = std::min(label_w, (right - at.x) / 3.0f);
  const float value_x = at.x + label_w + t.px(12);
  float y = at.y;
  for (int c = 0; c < count; ++c) {
    if (!(dropped & (1u << c))) continue;
    const char* title = tr(columns[c].title);
    const std::string value = text(c);
    const float ty = y + std::floor((line_h - ImGui::GetFontSize()) * 0.5f);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.colors.muted));
    ImGui::RenderTextEllipsis(draw, ImVec2(at.x, ty), ImVec2(at.x + label_w, y + line_h), at.x + label_w,
                              at.x + label_w, title, nullptr, nullptr);
    ImGui::PopStyleColor();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(t.colors.text));
    ImGui::RenderTextEllipsis(draw, ImVec2(value_x, ty), ImVec2(right, y + line_h), right, right,
                              value.empty() ? "\xE2\x80\x94" : value.c_str(), nullptr, nullptr);
    ImGui::PopStyleColor();
    if (ctx.a11y && !row_id.empty()) {
      A11yNode& n = ctx.a11y->add(row_id + "." + std::to_string(c), row_id, "gridcell", "");
      n.value = std::string(title) + ": " + value;
      n.x0 = at.x, n.y0 = y, n.x1 = right, n.y1 = y + line_h;
      n.col_index = c + 1;
    }
    y += line_h;
  }
  ImGui::PopClipRect();
}

}  // namespace roster::ui
