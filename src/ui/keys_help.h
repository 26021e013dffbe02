// The `?` dialog: the console's keys in one list (WCAG 2.1.1: every job can be done from the keyboard,
// and the person can find out how). `?` opens it when no text field has the keys; Esc or its Close
// button closes it.
#pragma once

#include "ui/ui_context.h"

namespace roster::ui {

class KeysHelp {
 public:
  void draw(UiContext& ctx);
  bool is_open() const { return open_; }

 private:
  bool open_ = false;
};

}  // namespace roster::ui
