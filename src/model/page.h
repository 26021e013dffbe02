// The list envelope of the Platform API: {"content": [...], "totalElements": int64}. There are no
// cursors and no page counts; callers compute pages from totalElements.
#pragma once

#include "model/json_read.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace roster {

template <class T>
struct Page {
  std::vector<T> content;
  std::int64_t totalElements = 0;
};

template <class T, class Encode>
nlohmann::json encode_page(const Page<T>& page, Encode encode_item) {
  auto items = nlohmann::json::array();
  for (const auto& item : page.content) items.push_back(encode_item(item));
  return {{"content", std::move(items)}, {"totalElements", page.totalElements}};
}

// Decodes every item with decode(json, T&, error); the first bad item fails the page, naming its index.
template <class T>
bool decode_page(const nlohmann::json& v, Page<T>& out, std::string& error) {
  Page<T> page;
  json_read::FieldReader r(v, error, "page");
  r.required("totalElements", page.totalElements);
  if (!r.ok()) return false;
  auto it = v.find("content");
  if (it == v.end() || !it->is_array()) {
    error = "field 'content' must be an array";
    return false;
  }
  if (page.totalElements < 0) {
    error = "field 'totalElements' is negative";
    return false;
  }
  page.content.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    T item{};
    std::string item_error;
    if (!decode((*it)[i], item, item_error)) {
      error = "content[" + std::to_string(i) + "]: " + item_error;
      return false;
    }
    page.content.push_back(std::move(item));
  }
  out = std::move(page);
  return true;
}

}  // namespace roster
