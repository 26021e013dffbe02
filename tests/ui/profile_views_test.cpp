// The profile and the Devices screen drawn by the real views: the header from the list's row in the
// frame after the click, the tabs switching, the Information tab's values and absences, the Actions
// Log's presets, custom range and histogram narrowing, and owner links on the Devices screen.
#include "harness.h"
#include "sent_params.h"

using namespace roster;
using roster::test::Harness;
using roster::test::sent_param;

namespace {

const char* kDetail = R"({"id":3,"name":"Person 2","email":"p2@example.com","roleId":3,"orgId":1,"status":"Pending",
  "phoneNumber":"+380441234567","tz":"Europe/Kyiv","orgName":"Kyiv Branch","country":"Ukraine"})";

std::string actions_page(int count) {
  nlohmann::json content = nlohmann::json::array();
  for (int i = 0; i < count; ++i)
    content.push_back({{"ts", 1'799'999'000'000 - i * 1000},
                       {"orgId", 1},
                       {"orgName", "Kyiv Branch"},
                       {"client", i % 2 ? "iOS" : "Web"},
                       {"actionName", "Action " + std::to_string(i)},
                       {"actionCode", "CODE_" + std::to_string(i)}});
  return nlohmann::json{{"content", content}, {"totalElements", count}}.dump();
}

}  // namespace

TEST_CASE("a click on a name draws the profile header from the row in the next frame") {
  Harness h;
  h.click("row.2.name");
  REQUIRE(h.store.route().screen == store::Screen::UserProfile);
  h.frames(1);
  CHECK(h.layout.rects.count("profile.name") == 1);  // before any answer: the list's row
  CHECK(h.layout.rects.count("tab.actions") == 1);
  REQUIRE(h.transport.respond("/user?userId=3", 200, kDetail));
  h.frames(2);
  CHECK(h.layout.rects.count("info.phone") == 1);
  CHECK(h.store.profile().user()->phoneNumber == std::string("+380441234567"));
}

TEST_CASE("tabs switch on a click and the Actions Log's presets change the interval") {
  Harness h("#/users/3");
  REQUIRE(h.transport.respond("/user?userId=3", 200, kDetail));
  h.frames(2);
  h.click("tab.actions");
  CHECK(h.store.route().tab == store::ProfileTab::Actions);
  REQUIRE(h.transport.respond("/user/actions-log?", 200, actions_page(30)));
  REQUIRE(h.transport.respond("/histogram", 200,
                              R"({"bucketMs":3600000,"buckets":[{"ts":1799996400000,"counts":{"Web":15,"iOS":15}}]})"));
  h.frames(3);
  CHECK(h.layout.rects.count("actions.row.0.name") == 1);
  CHECK(h.layout.rects.count("histogram") == 1);
  h.click("range.1h");
  CHECK(h.store.route().actions.range == ActionsRange::LastHour);
  CHECK(sent_param(h.transport, "/user/actions-log?", "from") ==
        std::to_string(std::stoll(sent_param(h.transport, "/user/actions-log?", "to")) - 3'600'000));
  CHECK(sent_param(h.transport, "/histogram", "buckets") == "60");
}

TEST_CASE("a custom range is checked in words before it is asked for") {
  Harness h("#/users/3/actions");
  REQUIRE(h.transport.respond("/user?userId=3", 200, kDetail));
  h.frames(2);
  h.click("range.custom");
  REQUIRE(h.layout.rects.count("custom.from") == 1);
  // The fields start with the interval shown; make the start later than the end.
  h.click("custom.from");
  ImGui::GetIO().AddKeyEvent(ImGuiMod_Ctrl, true);
  h.press(ImGuiKey_A);
  ImGui::GetIO().AddKeyEvent(ImGuiMod_Ctrl, false);
  ImGui::GetIO().AddInputCharactersUTF8("2030-01-01 00:00");
  h.frames(2);
  auto before = h.transport.sent.size();
  h.click("custom.apply");
  CHECK(h.layout.rects.count("custom.error") == 1);
  CHECK(h.transport.sent.size() == before);  // nothing asked for
}

TEST_CASE("an owner's name on the Devices screen opens their profile") {
  Harness h("#/devices");
  nlohmann::json content = nlohmann::json::array();
  for (int i = 0; i < 5; ++i)
    content.push_back({{"id", i + 1},
                       {"name", "Pump " + std::to_string(i)},
                       {"ownerUserId", 40 + i},
                       {"ownerName", "Owner " + std::to_string(i)},
                       {"ownerEmail", "o" + std::to_string(i) + "@example.com"},
                       {"connected", i % 2 == 0},
                       {"model", "Pump v2"}});
  REQUIRE(h.transport.respond("/devices?", 200, nlohmann::json{{"content", content}, {"totalElements", 5}}.dump()));
  h.frames(3);
  REQUIRE(h.layout.rects.count("device.row.1.owner") == 1);
  h.click("device.row.1.owner");
  CHECK(h.store.route().screen == store::Screen::UserProfile);
  CHECK(h.store.route().user_id == 41);
  REQUIRE(h.store.profile().user().has_value());
  CHECK(h.store.profile().user()->name == "Owner 1");  // the header from the row, at once
  CHECK(h.transport.pending("/device/by-owner?ownerEmail=o1%40example.com") == 1);
}

TEST_CASE("Back from a profile returns to the list where it was scrolled, with its query") {
  Harness h("#/users?q=per");
  h.answer_users(1000);
  h.frames(2);
  h.shell.users().table().scroll_to(500);
  h.frames(6);  // a jump: fetched once it rests
  h.answer_users(1000);
  h.frames(2);
  REQUIRE(h.shell.users().table().first_visible() == 500);
  h.click("row.0.name");
  REQUIRE(h.store.route().screen == store::Screen::UserProfile);
  h.store.apply(store::intent::FollowLocation{"#/users?q=per"}, h.now);  // Back
  h.frames(2);
  CHECK(h.store.route().users.text == "per");
  CHECK(h.shell.users().table().first_visible() == 500);
  CHECK(h.layout.rects.count("row.0.name") == 1);  // the rows are there, not placeholders
}

TEST_CASE("a narrow console stacks the profile header: the name below the avatar, within the width") {
  Harness h("#/users/3");
  REQUIRE(h.transport.respond("/user?userId=3", 200, kDetail));
  ImGui::GetIO().DisplaySize = ImVec2(520, 800);
  h.frames(3);
  REQUIRE(h.layout.rects.count("profile.name") == 1);
  REQUIRE(h.layout.rects.count("profile.email") == 1);
  const auto name = h.rect("profile.name");
  CHECK(name.x1 <= 520);
  CHECK(h.rect("profile.email").y0 > name.y1);
  CHECK(name.x0 < 150);  // under the avatar, not beside it (the rail is 72 px wide)
}

TEST_CASE("Enter in the custom range's To field applies it; Escape closes the range") {
  Harness h("#/users/3/actions");
  REQUIRE(h.transport.respond("/user?userId=3", 200, kDetail));
  h.frames(2);
  h.click("range.custom");
  h.click("custom.to");
  h.press(ImGuiKey_Enter);
  h.frames(2);
  CHECK(h.store.route().actions.range == ActionsRange::Custom);  // applied without a click on Apply
  CHECK(h.layout.rects.count("custom.from") == 0);
  h.click("range.custom");
  REQUIRE(h.layout.rects.count("custom.from") == 1);
  h.click("custom.from");
  h.press(ImGuiKey_Escape);
  h.frames(2);
  CHECK(h.layout.rects.count("custom.from") == 0);
}
