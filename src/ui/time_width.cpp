#include "ui/time_width.h"

#include "model/time_format.h"

#include <algorithm>
#include <string>
#include <utility>

namespace roster::ui {

float kiosk_time_width(const UiContext& ctx) {
  if (!ctx.kiosk) return 0;
  // A year before this one, so the text carries its year, as a registration date does.
  const int last_year = civil_from_epoch_ms(ctx.now_ms, ctx.offset(ctx.now_ms)).year - 1;
  auto sample = [&](int month) {
    return format_console_time(epoch_ms_from_civil(last_year, month, 28, 23, 48, 0), ctx.now_ms, 0);
  };
  // Each kiosk frame asks once per time column; the twelve months are measured again only when the
  // font, its size or the words (the language, the year: January's text says both) change.
  struct Measured {
    const ImFont* font = nullptr;
    float size = 0;
    std::string january;
    float widest = 0;
  };
  static Measured measured;
  std::string january = sample(1);
  if (measured.font == ImGui::GetFont() && measured.size == ImGui::GetFontSize() && measured.january == january)
    return measured.widest;
  float widest = ImGui::CalcTextSize(january.c_str()).x;
  for (int month = 2; month <= 12; ++month) widest = std::max(widest, ImGui::CalcTextSize(sample(month).c_str()).x);
  measured = {ImGui::GetFont(), ImGui::GetFontSize(), std::move(january), widest};
  return widest;
}

}  // namespace roster::ui
