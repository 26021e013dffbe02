#include "model/actions_histogram.h"

#include "model/json_read.h"

namespace roster {

nlohmann::json encode(const ActionsHistogram& h) {
  nlohmann::json buckets = nlohmann::json::array();
  for (const auto& b : h.buckets) {
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [client, n] : b.counts) counts[client] = n;
    buckets.push_back({{"ts", b.ts}, {"counts", std::move(counts)}});
  }
  return {{"bucketMs", h.bucketMs}, {"buckets", std::move(buckets)}};
}

bool decode(const nlohmann::json& v, ActionsHistogram& out, std::string& error) {
  ActionsHistogram h;
  json_read::FieldReader r(v, error, "histogram");
  r.required("bucketMs", h.bucketMs);
  if (!r.ok()) return false;
  auto buckets = v.find("buckets");
  if (buckets == v.end() || !buckets->is_array()) {
    error = "field 'buckets' must be an array";
    return false;
  }
  if (buckets->size() > 10'000) {
    error = "too many buckets";
    return false;
  }
  for (const auto& item : *buckets) {
    HistogramBucket b;
    json_read::FieldReader br(item, error, "bucket");
    br.required("ts", b.ts);
    if (!br.ok()) return false;
    auto counts = item.find("counts");
    if (counts != item.end()) {
      if (!counts->is_object()) {
        error = "field 'counts' must be an object";
        return false;
      }
      for (auto it = counts->begin(); it != counts->end(); ++it) {
        std::int64_t n = 0;
        if (!json_read::read_value(it.value(), n) || n < 0) {
          error = "count of '" + it.key() + "' must be a non-negative integer";
          return false;
        }
        b.counts[it.key()] = n;
      }
    }
    h.buckets.push_back(std::move(b));
  }
  out = std::move(h);
  return true;
}

}  // namespace roster
