// The organization picker drawn headlessly: the top bar's switcher opens its popup below the button
// (above it near the bottom of the viewport), never over it and inside the viewport, with the field
// taking the keyboard; typing searches; arrows and Enter choose, Esc closes and gives the button the
// keyboard back; choosing scopes the users list to that organization.
#include "harness.h"
#include "imgui_internal.h"
#include "ui/org_picker.h"

using namespace roster;
using roster::test::Harness;

namespace {

bool intersects(const ui::Layout::Rect& a, const ui::Layout::Rect& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

bool text_field_active() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  return g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
}

std::string org(int id, const std::string& name, int parent, int subs) {
  return nlohmann::json{{"id", id}, {"name", name}, {"parentOrganizationId", parent}, {"subOrganizationsCount", subs}}
      .dump();
}

// The caller's tree: Roster Demo Corp (1) with Brno (2) and Ostrava (3) under it.
void answer_tree(Harness& h) {
  REQUIRE(h.transport.respond("/organization/profile", 200, org(1, "Roster Demo Corp", 0, 2)));
  h.frames(1);
  REQUIRE(h.transport.respond("/sub-organizations?orgId=1", 200,
                              "[" + org(2, "Brno", 1, 1) + "," + org(3, "Ostrava", 1, 1) + "]"));
  h.frames(2);
}

// Opens the switcher and answers its tree.
void open_switcher(Harness& h) {
  h.click("switcher");
  h.frames(2);
  answer_tree(h);
}

// A frame of a bare window with one picker at `at` (not the shell), in the frame's order.
struct BarePicker {
  explicit BarePicker(Harness& harness) : h(harness) {}
  Harness& h;
  ui::OrgPicker picker;
  int chosen = 1;
  bool changed = false;
  void frame(ImVec2 at) {
    h.now += 16;
    h.transport.deliver();
    h.store.tick(h.now);
    ImGui::NewFrame();
    h.layout.rects.clear();
    store::Intents intents;
    ui::UiContext ctx{h.store, intents, h.theme, h.now, nullptr, false, &h.layout, nullptr, nullptr, {}};
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("bare", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::SetCursorScreenPos(at);
    changed = picker.draw(ctx, "p", chosen, "Choose an organization") || changed;
    ImGui::End();
    ImGui::Render();
    h.store.apply(intents.take(), h.now);
  }
  void click(ImVec2 at, ImVec2 point) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(point.x, point.y);
    frame(at);
    io.AddMouseButtonEvent(0, true);
    frame(at);
    io.AddMouseButtonEvent(0, false);
    frame(at);
    frame(at);
  }
};

}  // namespace

TEST_CASE("the switcher opens below its button, never over it, with the field taking the keyboard") {
  Harness h("#/users", true);
  h.frames(2);
  const auto button = h.rect("switcher");
  CHECK(button.y0 >= 0);
  CHECK(button.y1 <= 56);  // in the top bar
  CHECK(button.x1 < h.rect("menu.me").x0);
  CHECK(h.store.org_search().name(1) == std::string("Roster Demo Corp"));  // the session's, at once
  open_switcher(h);
  CHECK(h.store.org_search().is_open());
  const auto popup = h.rect("switcher.popup");
  CHECK(popup.y0 >= button.y1);  // below it
  CHECK_FALSE(intersects(popup, button));
  CHECK(popup.x0 >= 0);
  CHECK(popup.x1 <= 1440);
  CHECK(popup.y1 <= 900);
  CHECK(text_field_active());  // typing goes to the field at once
  // The empty field shows the tree: the caller's organization, then its sub-organizations.
  CHECK(h.rect("switcher.org.1").y1 <= h.rect("switcher.org.2").y0 + 1);
  CHECK(h.rect("switcher.org.2").y1 <= h.rect("switcher.org.3").y0 + 1);
  CHECK(h.rect("switcher.search").y1 <= h.rect("switcher.org.1").y0);
  // A branch opens from its chevron, a level at a time (the picker's own tree, not the screen's).
  h.click("switcher.toggle.2");
  CHECK(h.transport.pending("/sub-organizations?orgId=2") == 1);
  CHECK(h.store.org_search().is_open());  // the chevron does not choose
  h.frames(2);
  CHECK(text_field_active());  // and the field has the keyboard again: typing still searches
  h.type("ost");
  CHECK(h.transport.pending("/organization/search?query=ost&") == 1);
}

TEST_CASE("typing in the switcher searches the server; each result shows its path; Enter chooses") {
  Harness h("#/users", true);
  h.frames(2);
  open_switcher(h);
  h.type("lab");
  REQUIRE(h.transport.pending("/organization/search?query=lab&") == 1);
  const std::string results =
      R"({"content":[)" + org(13, "Lab 13", 2, 0) + "," + org(31, "Lab 13", 3, 0) + R"(],"totalElements":2})";
  REQUIRE(h.transport.respond("/organization/search?query=lab&", 200, results));
  h.frames(2);
  CHECK(h.layout.rects.count("switcher.org.13") == 1);
  CHECK(h.layout.rects.count("switcher.org.31") == 1);
  CHECK(h.layout.rects.count("switcher.org.2") == 0);  // the tree gave way to the results
  // Two of one name, told apart by their paths (known from the tree: nothing asked for).
  CHECK(store::OrgSearch::path_text(h.store.org_search().path(13)) == "Roster Demo Corp \xE2\x80\xBA Brno");
  CHECK(store::OrgSearch::path_text(h.store.org_search().path(31)) == "Roster Demo Corp \xE2\x80\xBA Ostrava");
  CHECK(h.transport.pending("/api/v1/organization?orgId=") == 0);
  // Down moves to the second, Enter chooses it: the users list shows only its users.
  h.press(ImGuiKey_DownArrow);
  h.press(ImGuiKey_Enter);
  CHECK(store::print_route(h.store.route()) == "#/orgs/31/users");
  CHECK_FALSE(h.store.org_search().is_open());
  CHECK(h.layout.rects.count("switcher.popup") == 0);
  bool asked = false;
  for (const auto& s : h.transport.sent)
    asked |= s.request.url.find("/users?") != std::string::npos &&
             s.request.url.find("orgId=31") != std::string::npos &&
             s.request.url.find("includeSubOrgUsers=false") != std::string::npos;
  CHECK(asked);
}

TEST_CASE("Enter typed before the answer arrives chooses the first result once it is in") {
  Harness h("#/users", true);
  h.frames(2);
  open_switcher(h);
  h.type("ostr");
  h.press(ImGuiKey_Enter);
  CHECK(h.store.org_search().is_open());  // nothing chosen from the tree the rows still showed
  REQUIRE(h.transport.respond("/organization/search?query=ostr&", 200,
                              R"({"content":[)" + org(3, "Ostrava", 1, 1) + R"(],"totalElements":1})"));
  h.frames(2);
  CHECK(store::print_route(h.store.route()) == "#/orgs/3/users");
  CHECK_FALSE(h.store.org_search().is_open());
}

TEST_CASE("Esc closes the switcher and gives its button the keyboard: Enter opens it again") {
  Harness h("#/users", true);
  h.frames(2);
  open_switcher(h);
  h.type("br");
  h.press(ImGuiKey_Escape);
  CHECK(h.layout.rects.count("switcher.popup") == 0);
  CHECK_FALSE(h.store.org_search().is_open());
  CHECK(store::print_route(h.store.route()) == "#/users");  // nothing chosen
  CHECK(h.transport.pending("/organization/search") == 0);  // the short query's search was dropped
  h.press(ImGuiKey_Enter);
  h.frames(2);
  CHECK(h.layout.rects.count("switcher.popup") == 1);
  CHECK(h.store.org_search().is_open());
  CHECK(text_field_active());
  CHECK(store::print_route(h.store.route()) == "#/users");
  // A click on a row chooses it.
  h.frames(2);
  h.click("switcher.org.2");
  CHECK(store::print_route(h.store.route()) == "#/orgs/2/users");
}

TEST_CASE("the switcher shows the scope's name, and the caller's own organization returns to the whole list") {
  Harness h("#/orgs/2/users", true);
  h.frames(2);
  // The scope's name is not known yet: asked for once.
  REQUIRE(h.transport.respond("/api/v1/organization?orgId=2", 200, org(2, "Brno", 1, 1)));
  h.frames(2);
  CHECK(h.store.org_search().name(2) == std::string("Brno"));
  CHECK(h.requests_containing("/api/v1/organization?orgId=2") == 1);
  open_switcher(h);
  h.click("switcher.org.1");
  CHECK(store::print_route(h.store.route()) == "#/users");
}

TEST_CASE("a picker near the bottom of the viewport opens above its button, inside the viewport") {
  Harness h("#/users", true);
  h.frames(2);
  BarePicker bare(h);
  const ImVec2 at(1300, 840);  // bottom right: no room below, little to the right
  bare.frame(at);
  bare.frame(at);
  const auto button = h.rect("p");
  bare.click(at, ImVec2((button.x0 + button.x1) * 0.5f, (button.y0 + button.y1) * 0.5f));
  REQUIRE(h.transport.respond("/organization/profile", 200, org(1, "Roster Demo Corp", 0, 2)));
  bare.frame(at);
  bare.frame(at);
  const auto popup = h.rect("p.popup");
  CHECK(popup.y1 <= button.y0);  // above it
  CHECK_FALSE(intersects(popup, button));
  CHECK(popup.y0 >= 0);
  CHECK(popup.x1 <= 1440);  // moved left to stay inside
  CHECK(popup.x0 >= 0);
  CHECK(text_field_active());
  CHECK_FALSE(bare.changed);
}
