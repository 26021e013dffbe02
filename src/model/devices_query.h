// What a devices table asks for: the Devices screen's search and sort, and the profile's Devices tab
// (one owner's devices, by email as the public API offers).
#pragma once

#include <string>

namespace roster {

// The sortBy labels the console's devices tables use, in column order (roster-server's extension
// labels for the columns the public API cannot sort by).
extern const char* const kDeviceSortLabels[6];
bool is_device_sort_label(const std::string& label);

struct DevicesQuery {
  std::string text;         // empty: the list endpoint; else search
  std::string owner_email;  // a profile's Devices tab: this owner's devices only
  std::string sort_label;   // empty: the server's order
  bool descending = false;
  bool operator==(const DevicesQuery& o) const {
    return text == o.text && owner_email == o.owner_email && sort_label == o.sort_label && descending == o.descending;
  }
  bool operator!=(const DevicesQuery& o) const { return !(*this == o); }
};

}  // namespace roster
