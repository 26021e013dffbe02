#include "server/commands/seed_pools.h"

// The pools' contents (the name arrays kLatinFirst ... kGreekLast, kPlaces, kOrgWords, kOrgKinds, kTags,
// kTemplates, kRooms, kActions and kTitles) are the data files in assets/seed/, which cmake/server.cmake
// turns into C++ at configure time.
#include "server/commands/seed_pools_data.inc"

namespace roster::server::pools {

namespace {

template <std::size_t A, std::size_t B>
constexpr NamePool pool(const Name (&first)[A], const Name (&last)[B]) {
  return {first, A, last, B};
}

const NamePool kLatinPool = pool(kLatinFirst, kLatinLast);
const NamePool kAccentedPool = pool(kAccentedLatinFirst, kAccentedLatinLast);
const NamePool kCyrillicPool = pool(kCyrillicFirst, kCyrillicLast);
const NamePool kGreekPool = pool(kGreekFirst, kGreekLast);

}  // namespace

const NamePool& names_for(Script script) {
  switch (script) {
    case Script::Latin: return kLatinPool;
    case Script::AccentedLatin: return kAccentedPool;
    case Script::Cyrillic: return kCyrillicPool;
    case Script::Greek: return kGreekPool;
  }
  return kLatinPool;
}

const std::size_t kPlaceCount = sizeof(kPlaces) / sizeof(kPlaces[0]);
const std::size_t kOrgWordCount = sizeof(kOrgWords) / sizeof(kOrgWords[0]);
const std::size_t kOrgKindCount = sizeof(kOrgKinds) / sizeof(kOrgKinds[0]);
const std::size_t kTagCount = sizeof(kTags) / sizeof(kTags[0]);
const std::size_t kTemplateCount = sizeof(kTemplates) / sizeof(kTemplates[0]);
const std::size_t kRoomCount = sizeof(kRooms) / sizeof(kRooms[0]);
const std::size_t kActionCount = sizeof(kActions) / sizeof(kActions[0]);
const std::size_t kTitleCount = sizeof(kTitles) / sizeof(kTitles[0]);

}  // namespace roster::server::pools
