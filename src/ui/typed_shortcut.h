// A one-character shortcut (`/` the search, `?` the keys) read from what was typed, not from the key
// that typed it: `?` is Shift+/ on a US keyboard, Shift+ß on a German one, and the console's key
// map knows neither (the platform's input queue gives ImGui typed characters that no field takes).
#pragma once

namespace roster::ui {

// `c` was typed this frame while no text field or other item had the keys and no popup was open.
bool shortcut_typed(char c);

}  // namespace roster::ui
