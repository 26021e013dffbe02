// The actions log histogram extension: actions per time bucket of an interval, counted per client
// ({bucketMs, buckets: [{ts, counts: {<client>: n}}]}). The counts of all buckets add up to the
// log's totalElements for the same filters.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace roster {

struct HistogramBucket {
  std::int64_t ts = 0;                         // the bucket's start, epoch ms
  std::map<std::string, std::int64_t> counts;  // by client; absent clients had none
  std::int64_t total() const {
    std::int64_t n = 0;
    for (const auto& [client, count] : counts) n += count;
    return n;
  }
};

struct ActionsHistogram {
  std::int64_t bucketMs = 0;
  std::vector<HistogramBucket> buckets;
};

nlohmann::json encode(const ActionsHistogram& histogram);
bool decode(const nlohmann::json& v, ActionsHistogram& out, std::string& error);

}  // namespace roster
