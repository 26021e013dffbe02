#include "platform/web/renderer.h"

#include "platform/web/shader_sources.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace roster::platform::web {

namespace {

unsigned compile(GLenum type, const char* source) {
  unsigned shader = glCreateShader(type);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  return shader;
}

void report_compile_error(unsigned shader) {
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok) return;
  char log[1024];
  glGetShaderInfoLog(shader, sizeof log, nullptr, log);
  std::fprintf(stderr, "Roster: shader failed to compile: %s\n", log);
}

}  // namespace

bool Renderer::init() {
  // Compiling and linking run in the browser's GPU process; asking for their status here would wait
  // for them (5-90 ms under software rendering). It is asked at the first draw, by which time the
  // font atlas and the first answers have been dealt with.
  vertex_shader_ = compile(GL_VERTEX_SHADER, kImguiVertexShader);
  fragment_shader_ = compile(GL_FRAGMENT_SHADER, kImguiFragmentShader);
  program_ = glCreateProgram();
  if (!program_ || !vertex_shader_ || !fragment_shader_) return false;
  glAttachShader(program_, vertex_shader_);
  glAttachShader(program_, fragment_shader_);
  glLinkProgram(program_);
  glFlush();  // hands the work to the GPU process now, not at the first draw

  glGenVertexArrays(1, &vao_);
  glGenBuffers(1, &vbo_);
  glGenBuffers(1, &ibo_);
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_);
  glEnableVertexAttribArray(0);
  glEnableVertexAttribArray(1);
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                        reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                        reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert),
                        reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
  glBindVertexArray(0);

  // The whole pipeline state is set once: only this renderer draws into the canvas.
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  ImGui::GetIO().BackendRendererName = "roster_webgl2";
  ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  return true;
}

bool Renderer::program_ready() {
  if (linked_) return true;
  if (failed_) return false;
  GLint linked = 0;
  glGetProgramiv(program_, GL_LINK_STATUS, &linked);
  if (!linked) {
    report_compile_error(vertex_shader_);
    report_compile_error(fragment_shader_);
    failed_ = true;
    return false;
  }
  projection_location_ = glGetUniformLocation(program_, "u_projection");
  texture_location_ = glGetUniformLocation(program_, "u_texture");
  glDeleteShader(vertex_shader_);
  glDeleteShader(fragment_shader_);
  vertex_shader_ = fragment_shader_ = 0;
  linked_ = true;
  return true;
}

bool Renderer::gpu_behind() {
  if (!fence_) return false;
  GLint status = GL_UNSIGNALED;
  glGetSynciv(static_cast<GLsync>(fence_), GL_SYNC_STATUS, 1, nullptr, &status);  // never blocks
  if (status != GL_SIGNALED) return true;
  glDeleteSync(static_cast<GLsync>(fence_));
  fence_ = nullptr;
  return false;
}

void Renderer::shutdown() {
  if (fence_) glDeleteSync(static_cast<GLsync>(fence_));
  fence_ = nullptr;
  if (font_texture_) glDeleteTextures(1, &font_texture_);
  if (vbo_) glDeleteBuffers(1, &vbo_);
  if (ibo_) glDeleteBuffers(1, &ibo_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  if (program_) glDeleteProgram(program_);
  if (vertex_shader_) glDeleteShader(vertex_shader_);
  if (fragment_shader_) glDeleteShader(fragment_shader_);
  font_texture_ = vbo_ = ibo_ = vao_ = program_ = vertex_shader_ = fragment_shader_ = 0;
}

void Renderer::forget_context() {
  shutdown();  // deleting objects of a lost context does nothing: this only clears the names
  linked_ = failed_ = false;
  damage_.invalidate();
}

void Renderer::upload_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  // One byte a texel: the atlas holds only coverage (glyphs and the white pixel), and colours come
  // from the vertices; a quarter of the upload, and no RGBA conversion of the atlas at start-up.
  io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  if (!font_texture_) glGenTextures(1, &font_texture_);
  glBindTexture(GL_TEXTURE_2D, font_texture_);
  // The atlas is built at the device pixel ratio and drawn 1:1: nearest sampling keeps glyphs sharp.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(font_texture_)));
  io.Fonts->ClearTexData();
  damage_.invalidate();  // the same vertices now sample a different atlas
}

bool Renderer::render(ImDrawData* data, int fb_width, int fb_height, ImVec4 clear) {
  if (!data || fb_width <= 0 || fb_height <= 0) return false;
  const auto& ranges = damage_.update(data, fb_width, fb_height);
  if (ranges.empty()) return false;  // the canvas already shows this frame
  if (!program_ready()) return false;
  // Gather every list into one vertex and one index buffer, remembering where each list starts.
  vertices_.resize(0);
  indices_.resize(0);
  vertices_.reserve(data->TotalVtxCount);
  indices_.reserve(data->TotalIdxCount);
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    vertices_.resize(vertices_.Size + list->VtxBuffer.Size);
    std::memcpy(vertices_.Data + vertices_.Size - list->VtxBuffer.Size, list->VtxBuffer.Data,
                list->VtxBuffer.size_in_bytes());
    indices_.resize(indices_.Size + list->IdxBuffer.Size);
    std::memcpy(indices_.Data + indices_.Size - list->IdxBuffer.Size, list->IdxBuffer.Data,
                list->IdxBuffer.size_in_bytes());
  }
  glViewport(0, 0, fb_width, fb_height);
  glUseProgram(program_);
  const float l = data->DisplayPos.x, r = l + data->DisplaySize.x, t = data->DisplayPos.y, b = t + data->DisplaySize.y;
  const float projection[16] = {2.0f / (r - l),    0, 0, 0, 0, 2.0f / (t - b), 0, 0, 0, 0, -1, 0, (r + l) / (l - r),
                                (t + b) / (b - t), 0, 1};
  glUniformMatrix4fv(projection_location_, 1, GL_FALSE, projection);
  glUniform1i(texture_location_, 0);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  glBufferData(GL_ARRAY_BUFFER, vertices_.size_in_bytes(), vertices_.Data, GL_STREAM_DRAW);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, indices_.size_in_bytes(), indices_.Data, GL_STREAM_DRAW);
  glEnable(GL_SCISSOR_TEST);
  glClearColor(clear.x, clear.y, clear.z, 1);

  const GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
  const auto& extents = damage_.command_extents();
  unsigned bound_texture = 0;
  int bound_vertex_offset = -1;
  // One pass per damaged range: clear it, then draw the commands that reach into it, each clipped to
  // its own rectangle and the range.
  for (const platform::BandRange& range : ranges) {
    glScissor(0, fb_height - range.y1, fb_width, range.y1 - range.y0);
    glClear(GL_COLOR_BUFFER_BIT);
    int vtx_base = 0, idx_base = 0;
    std::size_t command = 0;
    for (int n = 0; n < data->CmdListsCount; ++n) {
      const ImDrawList* list = data->CmdLists[n];
      for (const ImDrawCmd& cmd : list->CmdBuffer) {
        const platform::BandRange extent = extents[command++];
        if (cmd.UserCallback) {
          if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
          continue;
        }
        if (extent.y1 <= range.y0 || extent.y0 >= range.y1) continue;
        float x0 = std::max(cmd.ClipRect.x - l, 0.0f), x1 = std::min(cmd.ClipRect.z - l, static_cast<float>(fb_width));
        float y0 = std::max(cmd.ClipRect.y - t, static_cast<float>(range.y0));
        float y1 = std::min(cmd.ClipRect.w - t, static_cast<float>(range.y1));
        if (x1 <= x0 || y1 <= y0) continue;
        glScissor(static_cast<int>(x0), static_cast<int>(fb_height - y1), static_cast<int>(x1 - x0),
                  static_cast<int>(y1 - y0));
        auto texture = static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(cmd.GetTexID()));
        if (texture != bound_texture) {
          glBindTexture(GL_TEXTURE_2D, texture);
          bound_texture = texture;
        }
        // WebGL 2 has no base-vertex draws: 16-bit indices are relative to their list, so each list's
        // vertices start at their own offset in the buffer, bound through the attribute pointers.
        const int vertex_offset = vtx_base + static_cast<int>(cmd.VtxOffset);
        if (vertex_offset != bound_vertex_offset) {
          bound_vertex_offset = vertex_offset;
          glVertexAttribPointer(
              0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
              reinterpret_cast<void*>(vertex_offset * sizeof(ImDrawVert) + offsetof(ImDrawVert, pos)));
          glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                                reinterpret_cast<void*>(vertex_offset * sizeof(ImDrawVert) + offsetof(ImDrawVert, uv)));
          glVertexAttribPointer(
              2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert),
              reinterpret_cast<void*>(vertex_offset * sizeof(ImDrawVert) + offsetof(ImDrawVert, col)));
        }
        glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), index_type,
                       reinterpret_cast<void*>((idx_base + cmd.IdxOffset) * sizeof(ImDrawIdx)));
      }
      vtx_base += list->VtxBuffer.Size;
      idx_base += list->IdxBuffer.Size;
    }
  }
  glDisable(GL_SCISSOR_TEST);
  glBindVertexArray(0);
  if (!fence_) fence_ = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
  return true;
}

}  // namespace roster::platform::web
