// Word pools for demo data: people's names in four scripts (with Latin transliterations for emails),
// places with their time zones and phone codes, organisations, tags, device models and actions.
#pragma once

#include <cstddef>

namespace roster::server::pools {

enum class Script { Latin, AccentedLatin, Cyrillic, Greek };

struct Name {
  const char* native;
  const char* latin;  // for the email address
};

struct NamePool {
  const Name* first;
  std::size_t first_count;
  const Name* last;
  std::size_t last_count;
};

const NamePool& names_for(Script script);

struct Place {
  const char* city;
  const char* country;
  const char* tz;
  const char* phone_code;  // without '+'
  const char* locale;
  Script script;
};
extern const Place kPlaces[];
extern const std::size_t kPlaceCount;

extern const char* const kOrgWords[];
extern const std::size_t kOrgWordCount;
extern const char* const kOrgKinds[];
extern const std::size_t kOrgKindCount;

struct TagName {
  const char* name;
  const char* color;
};
extern const TagName kTags[];
extern const std::size_t kTagCount;

struct Template {
  const char* name;
  const char* board_type;
  const char* device_noun;
};
extern const Template kTemplates[];
extern const std::size_t kTemplateCount;
extern const char* const kRooms[];
extern const std::size_t kRoomCount;

struct Action {
  const char* name;
  const char* code;
};
extern const Action kActions[];
extern const std::size_t kActionCount;

extern const char* const kTitles[];
extern const std::size_t kTitleCount;

}  // namespace roster::server::pools
