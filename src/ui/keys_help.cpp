#include "ui/keys_help.h"

#include <algorithm>

#include "model/locale/messages.h"

#include "ui/typed_shortcut.h"
#include "ui/widgets.h"

namespace roster::ui {

namespace {

constexpr const char* kPopup = "Keyboard shortcuts";  // the popup's id; its title is tr(Msg::keys_title)

struct Key {
  const char* id;  // the keys in English: the mirror node's name
  Msg keys;
  Msg what;
};

// The README's "The console" lists the same keys. Arrow keys in words: the fonts' atlas has no arrows.
constexpr Key kKeys[] = {
    {"Tab, Shift+Tab", Msg::keys_k_tab, Msg::keys_w_tab},
    {"Enter, Space", Msg::keys_k_enter_space, Msg::keys_w_enter_space},
    {"/", Msg::keys_k_slash, Msg::keys_w_slash},
    {"Up, Down", Msg::keys_k_up_down, Msg::keys_w_up_down},
    {"Page Up, Page Down", Msg::keys_k_page, Msg::keys_w_page},
    {"Home, End", Msg::keys_k_home_end, Msg::keys_w_home_end},
    {"Enter", Msg::keys_k_enter, Msg::keys_w_enter},
    {"Right, Left, Space", Msg::keys_k_details, Msg::keys_w_details},
    {"Left, Right, Home, End", Msg::keys_k_arrows_tabs, Msg::keys_w_arrows_tabs},
    {"Esc, Backspace", Msg::keys_k_esc_backspace, Msg::keys_w_esc_backspace},
    {"Esc", Msg::keys_k_esc, Msg::keys_w_esc},
    {"?", Msg::keys_k_question, Msg::keys_w_question},
};

}  // namespace

void KeysHelp::draw(UiContext& ctx) {
  const Theme& t = ctx.theme;
  // `?` as typed, whichever key typed it on the person's keyboard layout.
  if (!open_ && shortcut_typed('?')) {
    ImGui::OpenPopup(kPopup);
    open_ = true;
  }
  if (!open_) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(24), t.px(20)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, t.px(8));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, t.px(1));
  if (ImGui::BeginPopupModal(
          kPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove)) {
    const std::string outer = say_dialog(ctx, "keys", tr(Msg::keys_title));
    ImGui::PushFont(t.fonts.body_bold);
    ImGui::TextUnformatted(tr(Msg::keys_title));
    ImGui::PopFont();
    ctx.mark("keys.title");
    ImGui::Dummy(ImVec2(0, t.px(4)));
    // What a key does wraps to keep the dialog on the screen (a phone, a longer language).
    float keys_w = 0;
    ImGui::PushFont(t.fonts.body_bold);
    for (const Key& k : kKeys) keys_w = std::max(keys_w, ImGui::CalcTextSize(tr(k.keys)).x);
    ImGui::PopFont();
    const float what_w = std::max(
        t.px(120), vp->Size.x - t.px(32) - t.px(24) * 2 - keys_w - ImGui::GetStyle().CellPadding.x * 4 - t.px(8));
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit)) {
      for (const Key& k : kKeys) {
        ImGui::TableNextRow(0, t.px(26));
        ImGui::TableNextColumn();
        ImGui::PushFont(t.fonts.body_bold);
        ImGui::TextUnformatted(tr(k.keys));
        ImGui::PopFont();
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + what_w);
        ImGui::TextColored(to_vec4(t.colors.muted), "%s", tr(k.what));
        ImGui::PopTextWrapPos();
        if (A11yNode* n = ctx.say(std::string("keys.") + k.id, "text", ""))
          n->value = std::string(tr(k.keys)) + ": " + tr(k.what);
      }
      ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(0, t.px(4)));
    const bool close = secondary_button(t, tr(Msg::keys_close)) || ImGui::IsKeyPressed(ImGuiKey_Escape, false) ||
                       ImGui::IsKeyPressed(ImGuiKey_Enter, false);
    ctx.mark("keys.close");
    if (A11yNode* n = ctx.say("keys.close", "button", tr(Msg::keys_close))) n->clicks = true;
    ctx.a11y_parent = outer;
    if (close) {
      ImGui::CloseCurrentPopup();
      open_ = false;
    }
    ImGui::EndPopup();
  } else {
    open_ = false;
  }
  ImGui::PopStyleVar(3);
}

}  // namespace roster::ui
