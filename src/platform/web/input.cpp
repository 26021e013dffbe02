#include "platform/web/input.h"

#include "imgui.h"
#include "platform/web/js_bridge.h"

#include <emscripten/html5.h>

#include <cmath>
#include <cstring>

namespace roster::platform::web {

namespace {

ImGuiKey key_for_code(const char* code) {
  struct Entry {
    const char* code;
    ImGuiKey key;
  };
  static const Entry kKeys[] = {{"Tab", ImGuiKey_Tab},
                                {"ArrowLeft", ImGuiKey_LeftArrow},
                                {"ArrowRight", ImGuiKey_RightArrow},
                                {"ArrowUp", ImGuiKey_UpArrow},
                                {"ArrowDown", ImGuiKey_DownArrow},
                                {"PageUp", ImGuiKey_PageUp},
                                {"PageDown", ImGuiKey_PageDown},
                                {"Home", ImGuiKey_Home},
                                {"End", ImGuiKey_End},
                                {"Insert", ImGuiKey_Insert},
                                {"Delete", ImGuiKey_Delete},
                                {"Backspace", ImGuiKey_Backspace},
                                {"Space", ImGuiKey_Space},
                                {"Enter", ImGuiKey_Enter},
                                {"NumpadEnter", ImGuiKey_KeypadEnter},
                                {"Escape", ImGuiKey_Escape},
                                {"Slash", ImGuiKey_Slash},
                                {"NumpadDivide", ImGuiKey_KeypadDivide},
                                {"ControlLeft", ImGuiKey_LeftCtrl},
                                {"ControlRight", ImGuiKey_RightCtrl},
                                {"ShiftLeft", ImGuiKey_LeftShift},
                                {"ShiftRight", ImGuiKey_RightShift},
                                {"AltLeft", ImGuiKey_LeftAlt},
                                {"AltRight", ImGuiKey_RightAlt},
                                {"MetaLeft", ImGuiKey_LeftSuper},
                                {"MetaRight", ImGuiKey_RightSuper}};
  for (const auto& e : kKeys)
    if (std::strcmp(code, e.code) == 0) return e.key;
  if (std::strncmp(code, "Key", 3) == 0 && code[3] >= 'A' && code[3] <= 'Z' && code[4] == 0)
    return static_cast<ImGuiKey>(ImGuiKey_A + (code[3] - 'A'));
  if (std::strncmp(code, "Digit", 5) == 0 && code[5] >= '0' && code[5] <= '9' && code[6] == 0)
    return static_cast<ImGuiKey>(ImGuiKey_0 + (code[5] - '0'));
  return ImGuiKey_None;
}

Input* self(void* user) { return static_cast<Input*>(user); }

// The DOM's button numbers (0 left, 1 middle, 2 right) as ImGui's (0 left, 1 right, 2 middle); -1 else.
int imgui_button(int dom_button) { return dom_button == 0 ? 0 : dom_button == 2 ? 1 : dom_button == 1 ? 2 : -1; }

// A key that types a character: its `key` is one character (ASCII, or any UTF-8 sequence), not a
// name such as "Enter".
bool is_printable(const EmscriptenKeyboardEvent* e) {
  std::size_t length = std::strlen(e->key);
  return length > 0 && (length == 1 || static_cast<unsigned char>(e->key[0]) >= 0x80);
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void* user) {
  Input* in = self(user);
  if (!in->queue_) return EM_FALSE;
  ImGui::GetIO().AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  in->queue_->pointer(static_cast<float>(e->targetX) * in->ratio_, static_cast<float>(e->targetY) * in->ratio_);
  int button = imgui_button(e->button);
  if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEDOWN) in->queue_->button(button, true);
  if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEUP) in->queue_->button(button, false);
  if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) in->queue_->pointer(-FLT_MAX, -FLT_MAX);
  if (type == EMSCRIPTEN_EVENT_MOUSEDOWN)
    in->note_urgent();
  else
    in->note_activity();
  // Let the canvas take focus on a press (keys then come to this console).
  return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_FALSE : EM_TRUE;
}

// A release anywhere on the page ends a press that started on the canvas (dragging the scrollbar out of
// the canvas, say). Its coordinates are the document's, not the canvas's, so only the button is sent;
// the position is the last one seen over the canvas.
EM_BOOL on_mouse_up_anywhere(int, const EmscriptenMouseEvent* e, void* user) {
  int button = imgui_button(e->button);
  if (button >= 0 && self(user)->queue_) self(user)->queue_->button(button, false);
  self(user)->note_urgent();
  return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void* user) {
  // One ImGui wheel unit is a notch: about 100 px, 3 lines or a third of a page.
  double scale = e->deltaMode == DOM_DELTA_PIXEL ? 1.0 / 100.0 : e->deltaMode == DOM_DELTA_LINE ? 1.0 / 3.0 : 1.0;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-e->deltaX * scale), static_cast<float>(-e->deltaY * scale));
  self(user)->note_activity();
  return EM_TRUE;  // the page itself must not scroll
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void* user) {
  Input* in = self(user);
  if (!in->queue_) return EM_TRUE;
  ImGuiIO& io = ImGui::GetIO();
  const EmscriptenTouchPoint* t = nullptr;
  for (int i = 0; i < e->numTouches; ++i)
    if (e->touches[i].isChanged) t = &e->touches[i];
  if (!t) return EM_TRUE;
  float x = static_cast<float>(t->targetX) * in->ratio_, y = static_cast<float>(t->targetY) * in->ratio_;
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
    in->touch_id_ = t->identifier;
    in->touch_x_ = x;
    in->touch_y_ = in->touch_last_y_ = y;
    in->touch_dragging_ = false;
    in->queue_->pointer(x, y);
  } else if (type == EMSCRIPTEN_EVENT_TOUCHMOVE && t->identifier == in->touch_id_) {
    if (!in->touch_dragging_ && std::hypot(x - in->touch_x_, y - in->touch_y_) > 8.0f * in->ratio_)
      in->touch_dragging_ = true;
    if (in->touch_dragging_) {
      // Dragging moves the content with the finger: 120 CSS px make one wheel notch (three rows).
      io.AddMouseWheelEvent(0, (y - in->touch_last_y_) / (120.0f * in->ratio_));
      in->touch_last_y_ = y;
    }
  } else if ((type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) &&
             t->identifier == in->touch_id_) {
    if (!in->touch_dragging_ && type == EMSCRIPTEN_EVENT_TOUCHEND) {
      // A tap is one click: down and up, which the input queue gives ImGui once it has seen where.
      in->queue_->pointer(in->touch_x_, in->touch_y_);
      in->queue_->button(0, true);
      in->queue_->button(0, false);
    } else {
      // A lifted finger hovers nothing (after a tap, the next touch or move says where it is).
      in->queue_->pointer(-FLT_MAX, -FLT_MAX);
    }
    in->touch_id_ = -1;
  }
  if (type == EMSCRIPTEN_EVENT_TOUCHEND)
    in->note_urgent();
  else
    in->note_activity();
  return EM_TRUE;  // no emulated mouse events, no double handling
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void* user);

// Keys typed while the canvas itself has focus: the hidden text field gets no input event then (it is
// focused only once ImGui asks for text, a frame or two after a click or `/`), so a printable key is
// also passed on as text, which the input queue holds until a field is active (or drops when none
// is coming). Its default action is prevented: the frame this keydown prompts may move the focus to
// the text field, and the browser would then type the same character into it a second time.
EM_BOOL on_canvas_key(int type, const EmscriptenKeyboardEvent* e, void* user) {
  EM_BOOL handled = on_key(type, e, user);
  if (is_printable(e) && !e->ctrlKey && !e->metaKey) {
    if (type == EMSCRIPTEN_EVENT_KEYDOWN && self(user)->queue_) self(user)->queue_->text(e->key);
    return EM_TRUE;
  }
  return handled;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void* user) {
  Input* in = self(user);
  if (!in->queue_) return EM_FALSE;
  bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
  // Tab past the console's first or last control: the browser moves the focus to the host page.
  if (std::strcmp(e->code, "Tab") == 0 && down && !e->ctrlKey && !e->altKey && !e->metaKey && in->on_tab_ &&
      in->on_tab_(e->shiftKey)) {
    in->note_activity();  // the ring goes
    return EM_FALSE;
  }
  in->queue_->key(ImGuiMod_Ctrl, e->ctrlKey);
  in->queue_->key(ImGuiMod_Shift, e->shiftKey);
  in->queue_->key(ImGuiMod_Alt, e->altKey);
  in->queue_->key(ImGuiMod_Super, e->metaKey);
  ImGuiKey key = key_for_code(e->code);
  const bool command = e->ctrlKey || e->metaKey;
  const bool printable = is_printable(e);
  // Ctrl+V, Cmd+V and Shift+Insert: the browser's paste event follows with the clipboard's text,
  // which the page cannot read otherwise; ImGui sees the key when that text is there (paste()).
  const bool paste = (command && key == ImGuiKey_V) || (e->shiftKey && !command && key == ImGuiKey_Insert);
  if (paste && down) in->paste_key_ = key;
  // The queue decides whether a character key is a key or only the text that follows it.
  if (key != ImGuiKey_None && !paste) in->queue_->key(key, down, printable && !command);
  // A printable key's text follows in the text field's input event, which prompts its own frame.
  if (down && !(printable && !command && ImGui::GetIO().WantTextInput))
    in->note_urgent();
  else
    in->note_activity();
  // Keep the browser's copy, cut and paste: the paste event brings the text.
  if (paste || (command && (key == ImGuiKey_C || key == ImGuiKey_X))) return EM_FALSE;
  // Printable characters reach ImGui as text through the hidden text field's input event (which also
  // covers AltGr, dead keys, IMEs and on-screen keyboards), so their default action must happen.
  if (printable && !command) return EM_FALSE;
  // Navigation and editing keys are the console's: no page scrolling, no newline in the field.
  return key != ImGuiKey_None ? EM_TRUE : EM_FALSE;
}

}  // namespace

// Registers this console's callbacks, or (with `on` false) removes them: one list for both.
void Input::set_callbacks(bool on) {
  void* user = on ? this : nullptr;
  const char* c = canvas_.c_str();
  const char* field = text_field_.c_str();
  emscripten_set_mousedown_callback(c, user, EM_FALSE, on ? on_mouse : nullptr);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, user, EM_FALSE,
                                  on ? on_mouse_up_anywhere : nullptr);
  emscripten_set_mousemove_callback(c, user, EM_FALSE, on ? on_mouse : nullptr);
  emscripten_set_mouseleave_callback(c, user, EM_FALSE, on ? on_mouse : nullptr);
  emscripten_set_wheel_callback(c, user, EM_FALSE, on ? on_wheel : nullptr);
  emscripten_set_touchstart_callback(c, user, EM_FALSE, on ? on_touch : nullptr);
  emscripten_set_touchmove_callback(c, user, EM_FALSE, on ? on_touch : nullptr);
  emscripten_set_touchend_callback(c, user, EM_FALSE, on ? on_touch : nullptr);
  emscripten_set_touchcancel_callback(c, user, EM_FALSE, on ? on_touch : nullptr);
  emscripten_set_keydown_callback(c, user, EM_FALSE, on ? on_canvas_key : nullptr);
  emscripten_set_keyup_callback(c, user, EM_FALSE, on ? on_canvas_key : nullptr);
  emscripten_set_keydown_callback(field, user, EM_FALSE, on ? on_key : nullptr);
  emscripten_set_keyup_callback(field, user, EM_FALSE, on ? on_key : nullptr);
}

void Input::install(const std::string& canvas, const std::string& text_field) {
  canvas_ = canvas;
  text_field_ = text_field;
  set_callbacks(true);
}

void Input::uninstall() { set_callbacks(false); }

void Input::add_text(const char* utf8) {
  if (queue_) queue_->text(utf8);
  note_activity();
}

void Input::paste(const char* utf8) {
  pasted_ = utf8;
  if (!queue_) return;
  // ImGui pastes on its shortcut, reading the clipboard through pasted(): the key that started the
  // browser's paste (its modifiers are down already), or Ctrl+V for a paste from the page's menu.
  const bool chord = paste_key_ == ImGuiKey_None;
  const ImGuiKey key = chord ? ImGuiKey_V : paste_key_;
  if (chord) queue_->key(ImGuiMod_Ctrl, true);
  queue_->key(key, true);
  queue_->key(key, false);
  if (chord) queue_->key(ImGuiMod_Ctrl, false);
  paste_key_ = ImGuiKey_None;
  note_urgent();
}

void Input::apply_cursor() {
  int cursor = ImGui::GetMouseCursor();
  if (cursor == last_cursor_) return;
  last_cursor_ = cursor;
  switch (cursor) {
    case ImGuiMouseCursor_TextInput: set_cursor("text"); break;
    case ImGuiMouseCursor_Hand: set_cursor("pointer"); break;
    case ImGuiMouseCursor_ResizeEW: set_cursor("ew-resize"); break;
    case ImGuiMouseCursor_ResizeNS: set_cursor("ns-resize"); break;
    case ImGuiMouseCursor_ResizeAll: set_cursor("move"); break;
    case ImGuiMouseCursor_NotAllowed: set_cursor("not-allowed"); break;
    default: set_cursor("default"); break;
  }
}

}  // namespace roster::platform::web
