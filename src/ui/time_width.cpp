#include "ui/time_width.h"

#include "model/time_format.h"

#include <algorithm>

namespace roster::ui {

float kiosk_time_width(const UiContext& ctx) {
  if (!ctx.kiosk) return 0;
  // A year before this one, so the text carries its year, as a registration date does.
  const int last_year = civil_from_epoch_ms(ctx.now_ms, ctx.offset(ctx.now_ms)).year - 1;
  float widest = 0;
  for (int month = 1; month <= 12; ++month) {
    const std::int64_t at = epoch_ms_from_civil(last_year, month, 28, 23, 48, 0);
    const std::string text = format_console_time(at, ctx.now_ms, 0);
    widest = std::max(widest, ImGui::CalcTextSize(text.c_str()).x);
  }
  return widest;
}

}  // namespace roster::ui
