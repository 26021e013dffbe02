#include "platform/web/software_presenter.h"

#include "platform/web/js_bridge.h"

#include <cstdint>

namespace roster::platform::web {

namespace {
// Any non-null id: the font atlas is the only texture there is.
const ImTextureID kFontTexture = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(1));
}  // namespace

void SoftwarePresenter::upload_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  raster_.set_font_atlas(pixels, width, height);
  io.Fonts->SetTexID(kFontTexture);
  io.Fonts->ClearTexData();
  io.BackendRendererName = "roster_software";
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  raster_.invalidate();
}

bool SoftwarePresenter::render(ImDrawData* data, int width, int height, ImVec4 clear) {
  if (!data || width <= 0 || height <= 0) return false;
  const auto& ranges = raster_.render(data, width, height, clear);
  for (const platform::BandRange& range : ranges) present_pixels(raster_.pixels(), width, height, range.y0, range.y1);
  return !ranges.empty();
}

}  // namespace roster::platform::web
