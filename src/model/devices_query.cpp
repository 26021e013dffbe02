#include "model/devices_query.h"

#include <algorithm>
#include <iterator>

namespace roster {

const char* const kDeviceSortLabels[6] = {"Name", "Owner Name", "Status", "Model", "Organization Name", "Last Updated"};

bool is_device_sort_label(const std::string& label) {
  return std::find(std::begin(kDeviceSortLabels), std::end(kDeviceSortLabels), label) != std::end(kDeviceSortLabels);
}

}  // namespace roster
