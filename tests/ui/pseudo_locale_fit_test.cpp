// Text that fits: in the pseudo-locale (English accented, 40 % longer, bracketed) every screen, menu
// and dialog is drawn at a desktop's, a small laptop's and a phone's width, and no text may be cut
// without an ellipsis. The probe (clipped_text_probe.h) sees every text Dear ImGui draws against the
// rectangle it is clipped to; a text shortened to an ellipsis fits and passes (its whole text is on
// hover and in the accessibility mirror), one that runs past its clip fails with its words.
#include "clipped_text_probe.h"
#include "harness.h"

#include "model/locale/locale.h"
#include "ui/widgets.h"

#include <string>

using namespace roster;
using roster::test::ClippedTextProbe;
using roster::test::Harness;

namespace {

struct Screen {
  float w, h;
  const char* name;
};
constexpr Screen kScreens[] = {{1440, 900, "desktop 1440"}, {800, 700, "laptop 800"}, {390, 844, "phone 390"}};

// The pseudo-locale in force (as the person menu would choose it) while the test runs; English
// again after, as the other tests expect.
struct InPseudoLocale {
  explicit InPseudoLocale(Harness& h) {
    REQUIRE(find_locale("en-XA"));  // native builds have it (ROSTER_PSEUDO_LOCALE)
    h.store.choose_language("en-XA");
    h.frames(2);
  }
  ~InPseudoLocale() { set_current_locale(english_locale()); }
};

void resize(Harness& h, const Screen& s) {
  ImGui::GetIO().DisplaySize = ImVec2(s.w, s.h);
  h.frames(1);
  h.answer_users(1000);  // the pages a new height shows
  h.frames(3);
}

// Draws a few frames of what is on screen and checks that nothing in them was cut bare.
void expect_whole(Harness& h, ClippedTextProbe& probe, const Screen& s, const std::string& what) {
  probe.clear();
  h.frames(2);
  CHECK_MESSAGE(probe.found().empty(), what << " at " << std::string(s.name) << ": text cut without an ellipsis:\n"
                                            << probe.describe());
}

// Opens what `mark` opens (a popup, a menu, a dialog), checks it, and closes it with Escape.
void expect_whole_opened(Harness& h, ClippedTextProbe& probe, const Screen& s, const std::string& mark) {
  if (!h.layout.rects.count(mark)) {
    FAIL_CHECK(mark << " was not drawn at " << std::string(s.name));
    return;
  }
  h.click(mark);
  expect_whole(h, probe, s, mark);
  h.press(ImGuiKey_Escape);
  h.frames(2);
}

// Rows with every column filled: dates of another year (the longest a time gets), tags, places.
std::string full_users_page(int count) {
  nlohmann::json content = nlohmann::json::array();
  for (int i = 0; i < count; ++i)
    content.push_back({{"id", i + 2},
                       {"name", "Person " + std::to_string(i) + " Kovalenko-Papadopoulou"},
                       {"email", "person" + std::to_string(i) + ".long.address@example.com"},
                       {"roleId", 3},
                       {"orgId", 1},
                       {"orgName", "Roster Demo Corp"},
                       {"status", i % 2 ? "Suspended" : "Pending"},
                       {"city", "Kyiv"},
                       {"country", "Ukraine"},
                       {"devicesCount", 12345},
                       {"registeredAt", 1'763'768'880'000},
                       {"lastLoggedAt", 1'757'000'000'000},
                       {"tags",
                        {{{"id", 1}, {"name", "Beta tester"}},
                         {{"id", 2}, {"name", "Installer"}},
                         {{"id", 3}, {"name", "Reseller"}}}}});
  return nlohmann::json{{"content", content}, {"totalElements", count}}.dump();
}

std::string org_json(int id, const std::string& name, int parent, int subs) {
  return nlohmann::json{{"id", id}, {"name", name}, {"parentOrganizationId", parent}, {"subOrganizationsCount", subs}}
      .dump();
}

void hover_row(Harness& h, int row) {
  ImVec2 p = h.center("row.check." + std::to_string(row));
  ImGui::GetIO().AddMousePosEvent(p.x + 40, p.y);
  h.frames(2);
}

}  // namespace

TEST_CASE("the probe finds a label cut without an ellipsis, and passes one shortened to an ellipsis") {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(400, 300);
  unsigned char* pixels;
  int w, h;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  ui::Theme theme;
  ClippedTextProbe probe;
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(400, 300));
  ImGui::Begin("probe", nullptr, ImGuiWindowFlags_NoDecoration);
  ImGui::Button("A label far longer than its button", ImVec2(60, 0));  // a deliberately narrowed label
  ui::fitted_text(theme, "A text far longer than its room", 60);
  ImGui::Button("Fits");
  ImGui::GetWindowDrawList()->AddText(ImVec2(450, 10), IM_COL32_BLACK, "Past the edge");  // on a visible line
  ImGui::End();
  ImGui::Render();
  REQUIRE(probe.found().size() == 2);
  CHECK(probe.found()[0].text == "A label far longer than its button");
  CHECK(probe.found()[1].text == "Past the edge");
  CHECK(probe.drew("Fits"));
  CHECK_FALSE(probe.drew("A text far longer than its room"));  // drawn shortened, with "…"
  ImGui::DestroyContext();
}

TEST_CASE("pseudo-locale: the users list, its selection bar, filters, menus, dialogs and keys help cut nothing") {
  for (const Screen& s : kScreens) {
    Harness h("#/users", /*signed_in=*/true);
    InPseudoLocale pseudo(h);
    ClippedTextProbe probe;
    h.store.navigate(store::parse_route("#/users?q=person"), true, h.now);
    h.frames(1);
    REQUIRE(h.transport.respond("query=person", 200, full_users_page(30)));
    resize(h, s);
    expect_whole(h, probe, s, "users list");
    h.click("row.check.1");
    REQUIRE(h.store.selected_count() == 1);
    expect_whole(h, probe, s, "users list with a selection");
    h.click("selection.clear");
    h.frames(2);
    for (const char* popup : {"filter.status", "filter.signin", "menu.me", "users.invite"})
      expect_whole_opened(h, probe, s, popup);
    hover_row(h, 1);
    expect_whole_opened(h, probe, s, "row.1.more");
    for (const char* dialog : {"menu.delete", "menu.edit", "menu.role"}) {
      hover_row(h, 1);
      h.click("row.1.more");
      h.frames(1);
      expect_whole_opened(h, probe, s, dialog);
    }
    // A column header's menu (a right-click), and the organization switcher with its tree (in the top
    // bar; a phone's is in the drawer the menu button opens).
    h.right_click("header.Name");
    expect_whole(h, probe, s, "a column header's menu");
    h.press(ImGuiKey_Escape);
    h.frames(2);
    const bool phone = !h.layout.rects.count("switcher");
    if (phone) {
      REQUIRE(h.layout.rects.count("nav.menu"));
      h.click("nav.menu");
      h.frames(2);
    }
    h.click("switcher");
    h.frames(2);
    h.transport.respond("/organization/profile", 200, org_json(1, "Roster Demo Corp", 0, 2));
    h.frames(1);
    h.transport.respond("/sub-organizations?orgId=1", 200,
                        "[" + org_json(2, "Kyiv Branch Water Works", 1, 1) + "," +
                            org_json(3, "Ostrava Facilities Management", 1, 1) + "]");
    expect_whole(h, probe, s, "the organization switcher");
    h.press(ImGuiKey_Escape);
    h.frames(2);
    if (phone) {
      h.press(ImGuiKey_Escape);
      h.frames(2);
    }
    ImGui::GetIO().AddKeyEvent(ImGuiMod_Shift, true);
    h.press(ImGuiKey_Slash);
    ImGui::GetIO().AddKeyEvent(ImGuiMod_Shift, false);
    expect_whole(h, probe, s, "keys help");
  }
}

TEST_CASE("pseudo-locale: a profile's three tabs cut nothing") {
  const char* detail = R"({"id":3,"name":"Person 2","email":"p2@example.com","roleId":3,"orgId":1,
    "status":"Pending","phoneNumber":"+380441234567","tz":"Europe/Kyiv","orgName":"Kyiv Branch","country":"Ukraine"})";
  nlohmann::json actions = nlohmann::json::array();
  for (int i = 0; i < 5; ++i)
    actions.push_back({{"ts", 1'799'999'000'000 - i * 1000},
                       {"orgId", 1},
                       {"orgName", "Kyiv Branch"},
                       {"client", "Web"},
                       {"actionName", "Sign in"},
                       {"actionCode", "SIGN_IN"}});
  for (const Screen& s : kScreens) {
    Harness h("#/users/3");
    InPseudoLocale pseudo(h);
    ClippedTextProbe probe;
    REQUIRE(h.transport.respond("/user?userId=3", 200, detail));
    resize(h, s);
    expect_whole(h, probe, s, "profile: information");
    h.click("tab.devices");
    h.transport.respond("/device/by-owner", 200,
                        R"({"content":[{"id":1,"name":"Pump","connected":true}],"totalElements":1})");
    expect_whole(h, probe, s, "profile: devices");
    h.click("tab.actions");
    h.transport.respond("/user/actions-log?", 200, nlohmann::json{{"content", actions}, {"totalElements", 5}}.dump());
    h.transport.respond("/histogram", 200,
                        R"({"bucketMs":3600000,"buckets":[{"ts":1799996400000,"counts":{"Web":5}}]})");
    expect_whole(h, probe, s, "profile: actions log");
    h.click("range.custom");
    h.frames(1);
    REQUIRE(h.layout.rects.count("custom.apply"));
    expect_whole(h, probe, s, "profile: the actions log's custom range");
  }
}

TEST_CASE("pseudo-locale: the devices and organizations screens cut nothing") {
  nlohmann::json devices = nlohmann::json::array();
  for (int i = 0; i < 5; ++i)
    devices.push_back({{"id", i + 1},
                       {"name", "Pump " + std::to_string(i)},
                       {"ownerUserId", 40 + i},
                       {"ownerName", "Owner " + std::to_string(i)},
                       {"ownerEmail", "o@example.com"},
                       {"connected", i % 2 == 0},
                       {"model", "Pump v2"}});
  for (const Screen& s : kScreens) {
    Harness h("#/devices");
    InPseudoLocale pseudo(h);
    ClippedTextProbe probe;
    REQUIRE(h.transport.respond("/devices?", 200, nlohmann::json{{"content", devices}, {"totalElements", 5}}.dump()));
    resize(h, s);
    expect_whole(h, probe, s, "devices");
    h.store.navigate(store::parse_route("#/orgs"), true, h.now);
    h.frames(1);
    h.transport.respond("/profile", 200,
                        R"({"id":1,"name":"Root","parentOrganizationId":0,"subOrgsCount":2,"usersCount":5})");
    h.frames(1);
    h.transport.respond("/sub-organizations?orgId=1", 200,
                        R"([{"id":2,"name":"Kyiv Branch","parentOrganizationId":1,"subOrgsCount":0,"usersCount":3}])");
    expect_whole(h, probe, s, "organizations");
  }
}

TEST_CASE("pseudo-locale: the error banner and the kiosk's screens cut nothing") {
  for (const Screen& s : kScreens) {
    Harness h;
    InPseudoLocale pseudo(h);
    ClippedTextProbe probe;
    h.client.set_max_attempts(1);
    resize(h, s);
    h.store.navigate(store::parse_route("#/users?q=zz"), true, h.now);
    h.now += 1;
    h.frames(1);
    REQUIRE(h.transport.respond("/search/users", 500, R"({"error":{"message":"database is locked"}})"));
    expect_whole(h, probe, s, "error banner");
  }
  for (const Screen& s : kScreens) {
    Harness h;
    InPseudoLocale pseudo(h);
    ClippedTextProbe probe;
    h.client.set_max_attempts(1);
    h.kiosk = true;
    store::KioskConfig c;
    c.routes = {store::parse_route("#/users"), store::parse_route("#/devices")};
    c.refresh_ms = 5'000;
    c.rotate_ms = 60'000;
    h.store.start_kiosk(c, h.now);
    resize(h, s);
    expect_whole(h, probe, s, "kiosk");
    h.click("kiosk.caption");  // paused
    h.now += 5'000;
    h.frames(1);
    REQUIRE(h.transport.respond("size=100", 0, ""));
    expect_whole(h, probe, s, "kiosk offline");
  }
}
