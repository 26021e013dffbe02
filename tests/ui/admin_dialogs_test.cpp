// The admin dialogs drawn headlessly from a row's menu: Delete asks for the email typed exactly and
// sends nothing until it is (the complaint goes as soon as the field is edited), and Edit changes
// tags with checkboxes, at most five, sending the edited set.
#include "harness.h"

#include <algorithm>

using namespace roster;
using roster::test::Harness;

namespace {

// Opens row 1's menu (Person 1, user 2: not the admin signed in) through its `⋯` button, shown while
// the pointer is over the row.
void open_row_menu(Harness& h) {
  ImVec2 p = h.center("row.check.1");
  ImGui::GetIO().AddMousePosEvent(p.x + 40, p.y);
  h.frames(2);
  h.click("row.1.more");
  h.frames(1);
}

std::size_t sent_with(Harness& h, const std::string& method, const std::string& url_part) {
  return static_cast<std::size_t>(std::count_if(h.transport.sent.begin(), h.transport.sent.end(), [&](const auto& s) {
    return s.request.method == method && s.request.url.find(url_part) != std::string::npos;
  }));
}

}  // namespace

TEST_CASE("Delete sends nothing until the email is typed exactly; editing the field clears the complaint") {
  Harness h("#/users", /*signed_in=*/true);
  open_row_menu(h);
  h.click("menu.delete");
  h.frames(2);
  h.rect("dialog.confirm");
  h.type("p1@example");  // the field has the keyboard as the dialog opens
  h.click("dialog.ok");
  CHECK(h.layout.rects.count("dialog.problem"));
  CHECK(sent_with(h, "DELETE", "/user?") == 0);

  h.click("dialog.confirm");  // the OK button took the keyboard
  h.type(".");
  CHECK_FALSE(h.layout.rects.count("dialog.problem"));
  h.type("com");
  h.click("dialog.ok");
  CHECK_FALSE(h.layout.rects.count("dialog.confirm"));  // closed: the change is on its way
  CHECK(sent_with(h, "DELETE", "/user?userId=2") == 1);
}

TEST_CASE("Edit's tags: checkboxes of the organization's tags, at most five, the edited set sent") {
  Harness h("#/users", /*signed_in=*/true);
  open_row_menu(h);
  h.click("menu.edit");
  h.frames(1);
  REQUIRE(h.transport.respond("/tags", 200,
                              R"([{"id":1,"name":"alpha"},{"id":2,"name":"beta"},{"id":3,"name":"gamma"},)"
                              R"({"id":4,"name":"delta"},{"id":5,"name":"eps"},{"id":6,"name":"zeta"}])"));
  h.frames(2);
  h.type("Mia Walker");  // the name field has the keyboard, its text selected: "Person 1" has a digit
  for (const char* tag : {"alpha", "beta", "gamma", "delta", "eps"}) h.click(std::string("dialog.tag.") + tag);
  h.click("dialog.tag.zeta");  // a sixth: disabled, not taken
  h.click("dialog.tag.beta");  // unchecked again
  h.click("dialog.ok");
  CHECK_FALSE(h.layout.rects.count("dialog.problem"));
  REQUIRE(sent_with(h, "PUT", "/user?userId=2") == 1);
  auto put = std::find_if(h.transport.sent.begin(), h.transport.sent.end(),
                          [](const auto& s) { return s.request.method == "PUT"; });
  const auto body = nlohmann::json::parse(put->request.body);
  CHECK(body["name"] == "Mia Walker");
  CHECK(body["tags"] == nlohmann::json::array({1, 3, 4, 5}));
}

TEST_CASE("the mirror says the Delete dialog as a modal dialog with a labelled field that its typing fills") {
  ui::A11yTree tree;
  Harness h("#/users", /*signed_in=*/true);
  h.a11y = &tree;
  open_row_menu(h);
  h.click("menu.delete");
  h.frames(2);
  const ui::A11yNode* dialog = tree.find("dialog");
  REQUIRE(dialog);
  CHECK(dialog->role == "dialog");
  CHECK(dialog->name == "Delete user");
  CHECK(dialog->modal == 1);
  CHECK(dialog->x1 > dialog->x0);
  const ui::A11yNode* field = tree.find("dialog.confirm");
  REQUIRE(field);
  CHECK(field->role == "textbox");
  CHECK(field->parent == "dialog");
  CHECK(field->name == "Type their email to confirm");
  REQUIRE(field->set_text);
  const ui::A11yNode* ok = tree.find("dialog.ok");
  REQUIRE(ok);
  CHECK(ok->role == "button");
  CHECK(ok->name == "Delete");
  // The question in words, as a paragraph of the dialog.
  CHECK(std::any_of(tree.nodes().begin(), tree.nodes().end(), [](const ui::A11yNode& n) {
    return n.parent == "dialog" && n.role == "text" && n.value.find("This cannot be undone") != std::string::npos;
  }));

  field->set_text("p1@example");  // what a screen reader's user typed into the mirror's field
  h.frames(1);
  h.click("dialog.ok");
  CHECK(sent_with(h, "DELETE", "/user?") == 0);
  CHECK(std::any_of(tree.nodes().begin(), tree.nodes().end(), [](const ui::A11yNode& n) {
    return n.role == "alert" && n.value.find("exactly") != std::string::npos;
  }));
  tree.find("dialog.confirm")->set_text("p1@example.com");
  h.frames(1);
  CHECK(tree.find("dialog.confirm")->value == "p1@example.com");
  h.click("dialog.ok");
  CHECK(sent_with(h, "DELETE", "/user?userId=2") == 1);
  h.frames(1);
  CHECK(tree.find("dialog") == nullptr);
}

TEST_CASE("the mirror says Change role's radio buttons in a named group, the chosen one checked") {
  ui::A11yTree tree;
  Harness h("#/users", /*signed_in=*/true);
  h.a11y = &tree;
  open_row_menu(h);
  h.click("menu.role");
  h.frames(2);
  const ui::A11yNode* group = tree.find("dialog.role");
  REQUIRE(group);
  CHECK(group->role == "radiogroup");
  CHECK(group->name == "Role");
  int radios = 0, checked = 0;
  for (const auto& n : tree.nodes())
    if (n.parent == "dialog.role" && n.role == "radio") {
      ++radios;
      checked += n.checked == 1;
      CHECK(n.clicks);
      CHECK((n.x0 >= group->x0 && n.x1 <= group->x1));
    }
  CHECK(radios >= 3);
  CHECK(checked == 1);
}
