// A small WebGL 2 renderer for Dear ImGui's draw data. Unlike the stock OpenGL3 backend it never reads
// GL state back (no glGet*), uploads each frame's vertices and indices in one call each, sets the
// pipeline state once (fewer round trips through the browser's command buffer) and redraws only the
// bands of the screen that changed (see platform/frame_damage.h). Shaders are the files in shaders/,
// embedded at build time.
#pragma once

#include "imgui.h"
#include "platform/frame_damage.h"

namespace roster::platform::web {

class Renderer {
 public:
  bool init();  // starts compiling the shaders; false when WebGL refused even that
  // The shaders failed to compile or link (known from the first draw on): nothing can be drawn.
  bool failed() const { return failed_; }
  void shutdown();
  // The context was lost: every GL object is gone. Forgets them (and the link's outcome) so that
  // init() and upload_fonts() after the context is restored build everything again.
  void forget_context();
  void upload_fonts();  // after the font atlas was (re)built
  // Draws what changed since the last call (the canvas keeps its picture: preserveDrawingBuffer), on
  // `clear` as background. False when nothing changed and no GL call was made.
  bool render(ImDrawData* data, int framebuffer_width, int framebuffer_height, ImVec4 clear);
  // True while the GPU has not yet finished the last frame drawn (a fence): drawing another now
  // would queue work for a picture that may never be shown. Software GPUs fall far behind otherwise.
  bool gpu_behind();

 private:
  bool program_ready();  // the link's outcome, asked once (it waits for the GPU process)

  unsigned program_ = 0, vao_ = 0, vbo_ = 0, ibo_ = 0, font_texture_ = 0;
  unsigned vertex_shader_ = 0, fragment_shader_ = 0;  // until linked: their logs explain a failure
  bool linked_ = false, failed_ = false;
  int projection_location_ = -1, texture_location_ = -1;
  ImVector<ImDrawVert> vertices_;
  ImVector<ImDrawIdx> indices_;
  platform::FrameDamage damage_;
  void* fence_ = nullptr;  // GLsync of the last frame drawn
};

}  // namespace roster::platform::web
