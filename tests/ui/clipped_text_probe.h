// Finds text that Dear ImGui cut without an ellipsis. Every text ImGui draws (labels, buttons, menu
// items, table cells, hints, our own draw-list text) passes through ImDrawList::AddText with the
// rectangle it will be clipped to; the view tests' link wraps that function (-Wl,--wrap in
// cmake/native.cmake) so the probe measures each text against its clip. A text drawn through an
// ellipsis (fitted_text, ImGui's RenderTextEllipsis) is drawn already shortened and fits, so what
// sticks out of its clip was cut with nothing to say so. Its limit: an ImGui widget wholly outside
// its window is culled before it draws (ItemAdd), so it is not seen; the layout marks say where
// widgets were (the reflow tests check them against the screen).
#pragma once

#include <string>
#include <vector>

namespace roster::test {

struct ClippedText {
  std::string text;
  float x0, x1;            // where the text would run, whole
  float clip_x0, clip_x1;  // where it was cut
};

// While one is alive, records every text drawn, and apart every text on a visible line that runs past
// its clip side to side (a row half scrolled out at the top or bottom is not a cut label).
class ClippedTextProbe {
 public:
  ClippedTextProbe();
  ~ClippedTextProbe();
  ClippedTextProbe(const ClippedTextProbe&) = delete;
  ClippedTextProbe& operator=(const ClippedTextProbe&) = delete;

  const std::vector<ClippedText>& found() const { return found_; }
  // Whether `text` was drawn whole, as one run (not shortened to an ellipsis) since the last clear().
  bool drew(const std::string& text) const;
  void clear() {
    found_.clear();
    drawn_.clear();
  }
  // The texts found, one a line, for a failing check's message.
  std::string describe() const;

  void record_drawn(std::string text) { drawn_.push_back(std::move(text)); }
  void record_clipped(ClippedText text);

 private:
  std::vector<ClippedText> found_;
  std::vector<std::string> drawn_;
};

}  // namespace roster::test
