#include "server/seed_pools.h"

namespace roster::server::pools {

namespace {

const Name kLatinFirst[] = {
    {"James", "james"},         {"Mary", "mary"},         {"John", "john"},         {"Emma", "emma"},
    {"Olivia", "olivia"},       {"Liam", "liam"},         {"Noah", "noah"},         {"Ava", "ava"},
    {"Sophia", "sophia"},       {"Lucas", "lucas"},       {"Mia", "mia"},           {"Ethan", "ethan"},
    {"Anna", "anna"},           {"David", "david"},       {"Sarah", "sarah"},       {"Daniel", "daniel"},
    {"Laura", "laura"},         {"Michael", "michael"},   {"Grace", "grace"},       {"Thomas", "thomas"},
    {"Hannah", "hannah"},       {"Oliver", "oliver"},     {"Isabella", "isabella"}, {"Samuel", "samuel"},
    {"Charlotte", "charlotte"}, {"Benjamin", "benjamin"}, {"Amelia", "amelia"},     {"Henry", "henry"},
    {"Emily", "emily"},         {"Jack", "jack"},         {"Lily", "lily"},         {"Ryan", "ryan"}};
const Name kLatinLast[] = {
    {"Smith", "smith"},    {"Johnson", "johnson"},   {"Williams", "williams"}, {"Brown", "brown"},
    {"Jones", "jones"},    {"Miller", "miller"},     {"Davis", "davis"},       {"Wilson", "wilson"},
    {"Taylor", "taylor"},  {"Anderson", "anderson"}, {"Thomas", "thomas"},     {"Moore", "moore"},
    {"Martin", "martin"},  {"Clark", "clark"},       {"Lewis", "lewis"},       {"Walker", "walker"},
    {"Hall", "hall"},      {"Young", "young"},       {"King", "king"},         {"Wright", "wright"},
    {"Scott", "scott"},    {"Green", "green"},       {"Baker", "baker"},       {"Adams", "adams"},
    {"O'Brien", "obrien"}, {"Hughes", "hughes"},     {"Kelly", "kelly"},       {"Murphy", "murphy"}};

const Name kAccentedFirst[] = {{"José", "jose"},           {"Zoë", "zoe"},           {"Chloé", "chloe"},
                               {"Élodie", "elodie"},       {"Łukasz", "lukasz"},     {"Małgorzata", "malgorzata"},
                               {"Jiří", "jiri"},           {"Søren", "soren"},       {"Björn", "bjorn"},
                               {"Ángel", "angel"},         {"François", "francois"}, {"Renée", "renee"},
                               {"Agnieszka", "agnieszka"}, {"Tomáš", "tomas"},       {"Zoé", "zoe"},
                               {"Sérgio", "sergio"},       {"João", "joao"},         {"Inês", "ines"},
                               {"Gaëlle", "gaelle"},       {"Åsa", "asa"},           {"Jörg", "jorg"},
                               {"Dagmar", "dagmar"},       {"Kateřina", "katerina"}, {"Paweł", "pawel"},
                               {"Zuzana", "zuzana"},       {"Mónica", "monica"},     {"Raúl", "raul"},
                               {"Lucía", "lucia"}};
const Name kAccentedLast[] = {{"Nowak", "nowak"},         {"Kowalski", "kowalski"},   {"Wiśniewska", "wisniewska"},
                              {"Dvořák", "dvorak"},       {"Novotný", "novotny"},     {"Müller", "muller"},
                              {"Schäfer", "schafer"},     {"Lefèvre", "lefevre"},     {"García", "garcia"},
                              {"Fernández", "fernandez"}, {"Núñez", "nunez"},         {"Gonçalves", "goncalves"},
                              {"Sørensen", "sorensen"},   {"Åberg", "aberg"},         {"Lindqvist", "lindqvist"},
                              {"Château", "chateau"},     {"Bélanger", "belanger"},   {"Żak", "zak"},
                              {"Mráz", "mraz"},           {"Pérez", "perez"},         {"Hernández", "hernandez"},
                              {"Ødegaard", "odegaard"},   {"Björklund", "bjorklund"}, {"Duchêne", "duchene"}};

const Name kCyrillicFirst[] = {{"Олена", "olena"},          {"Андрій", "andrii"},    {"Тарас", "taras"},
                               {"Оксана", "oksana"},        {"Дмитро", "dmytro"},    {"Ірина", "iryna"},
                               {"Марія", "mariia"},         {"Богдан", "bohdan"},    {"Наталія", "nataliia"},
                               {"Сергій", "serhii"},        {"Юлія", "yuliia"},      {"Олександр", "oleksandr"},
                               {"Світлана", "svitlana"},    {"Іван", "ivan"},        {"Катерина", "kateryna"},
                               {"Михайло", "mykhailo"},     {"Василь", "vasyl"},     {"Ганна", "hanna"},
                               {"Петро", "petro"},          {"Людмила", "liudmyla"}, {"Георги", "georgi"},
                               {"Цветелина", "tsvetelina"}, {"Йордан", "yordan"},    {"Елена", "elena"}};
const Name kCyrillicLast[] = {
    {"Коваль", "koval"},           {"Шевченко", "shevchenko"}, {"Бондаренко", "bondarenko"}, {"Ткаченко", "tkachenko"},
    {"Кравченко", "kravchenko"},   {"Мельник", "melnyk"},      {"Олійник", "oliinyk"},       {"Лисенко", "lysenko"},
    {"Гончаренко", "honcharenko"}, {"Савченко", "savchenko"},  {"Руденко", "rudenko"},       {"Поліщук", "polishchuk"},
    {"Іваненко", "ivanenko"},      {"Петров", "petrov"},       {"Димитров", "dimitrov"},     {"Георгиев", "georgiev"},
    {"Стоянова", "stoyanova"},     {"Марченко", "marchenko"},  {"Ярошенко", "yaroshenko"},   {"Зінченко", "zinchenko"}};

const Name kGreekFirst[] = {
    {"Γιώργος", "giorgos"},  {"Μαρία", "maria"},         {"Δημήτρης", "dimitris"},     {"Ελένη", "eleni"},
    {"Νίκος", "nikos"},      {"Κατερίνα", "katerina"},   {"Γιάννης", "giannis"},       {"Σοφία", "sofia"},
    {"Κώστας", "kostas"},    {"Αναστασία", "anastasia"}, {"Παναγιώτης", "panagiotis"}, {"Δέσποινα", "despoina"},
    {"Χρήστος", "christos"}, {"Ιωάννα", "ioanna"},       {"Αλέξανδρος", "alexandros"}, {"Βασιλική", "vasiliki"}};
const Name kGreekLast[] = {{"Παπαδόπουλος", "papadopoulos"}, {"Παπαδοπούλου", "papadopoulou"},
                           {"Νικολάου", "nikolaou"},         {"Γεωργίου", "georgiou"},
                           {"Οικονόμου", "oikonomou"},       {"Καραγιάννης", "karagiannis"},
                           {"Βασιλείου", "vasileiou"},       {"Μακρή", "makri"},
                           {"Αντωνίου", "antoniou"},         {"Δημητρίου", "dimitriou"},
                           {"Ιωάννου", "ioannou"},           {"Παππάς", "pappas"}};

template <std::size_t A, std::size_t B>
constexpr NamePool pool(const Name (&first)[A], const Name (&last)[B]) {
  return {first, A, last, B};
}

const NamePool kLatinPool = pool(kLatinFirst, kLatinLast);
const NamePool kAccentedPool = pool(kAccentedFirst, kAccentedLast);
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

const Place kPlaces[] = {
    {"Kyiv", "Ukraine", "Europe/Kyiv", "380", "uk_UA", Script::Cyrillic},
    {"Lviv", "Ukraine", "Europe/Kyiv", "380", "uk_UA", Script::Cyrillic},
    {"Odesa", "Ukraine", "Europe/Kyiv", "380", "uk_UA", Script::Cyrillic},
    {"Kharkiv", "Ukraine", "Europe/Kyiv", "380", "uk_UA", Script::Cyrillic},
    {"Sofia", "Bulgaria", "Europe/Sofia", "359", "bg_BG", Script::Cyrillic},
    {"Athens", "Greece", "Europe/Athens", "30", "el_GR", Script::Greek},
    {"Thessaloniki", "Greece", "Europe/Athens", "30", "el_GR", Script::Greek},
    {"Warsaw", "Poland", "Europe/Warsaw", "48", "pl_PL", Script::AccentedLatin},
    {"Kraków", "Poland", "Europe/Warsaw", "48", "pl_PL", Script::AccentedLatin},
    {"Prague", "Czechia", "Europe/Prague", "420", "cs_CZ", Script::AccentedLatin},
    {"Brno", "Czechia", "Europe/Prague", "420", "cs_CZ", Script::AccentedLatin},
    {"Paris", "France", "Europe/Paris", "33", "fr_FR", Script::AccentedLatin},
    {"Lyon", "France", "Europe/Paris", "33", "fr_FR", Script::AccentedLatin},
    {"Madrid", "Spain", "Europe/Madrid", "34", "es_ES", Script::AccentedLatin},
    {"Barcelona", "Spain", "Europe/Madrid", "34", "es_ES", Script::AccentedLatin},
    {"Lisbon", "Portugal", "Europe/Lisbon", "351", "pt_PT", Script::AccentedLatin},
    {"São Paulo", "Brazil", "America/Sao_Paulo", "55", "pt_BR", Script::AccentedLatin},
    {"Stockholm", "Sweden", "Europe/Stockholm", "46", "sv_SE", Script::AccentedLatin},
    {"Copenhagen", "Denmark", "Europe/Copenhagen", "45", "da_DK", Script::AccentedLatin},
    {"Berlin", "Germany", "Europe/Berlin", "49", "de_DE", Script::AccentedLatin},
    {"München", "Germany", "Europe/Berlin", "49", "de_DE", Script::AccentedLatin},
    {"London", "United Kingdom", "Europe/London", "44", "en_GB", Script::Latin},
    {"Manchester", "United Kingdom", "Europe/London", "44", "en_GB", Script::Latin},
    {"Dublin", "Ireland", "Europe/Dublin", "353", "en_IE", Script::Latin},
    {"New York", "United States", "America/New_York", "1", "en_US", Script::Latin},
    {"Chicago", "United States", "America/Chicago", "1", "en_US", Script::Latin},
    {"Denver", "United States", "America/Denver", "1", "en_US", Script::Latin},
    {"Phoenix", "United States", "America/Phoenix", "1", "en_US", Script::Latin},
    {"Los Angeles", "United States", "America/Los_Angeles", "1", "en_US", Script::Latin},
    {"Seattle", "United States", "America/Los_Angeles", "1", "en_US", Script::Latin},
    {"Toronto", "Canada", "America/Toronto", "1", "en_CA", Script::Latin},
    {"Vancouver", "Canada", "America/Vancouver", "1", "en_CA", Script::Latin},
    {"Sydney", "Australia", "Australia/Sydney", "61", "en_AU", Script::Latin},
    {"Melbourne", "Australia", "Australia/Melbourne", "61", "en_AU", Script::Latin},
    {"Auckland", "New Zealand", "Pacific/Auckland", "64", "en_NZ", Script::Latin},
    {"Singapore", "Singapore", "Asia/Singapore", "65", "en_SG", Script::Latin},
    {"Bengaluru", "India", "Asia/Kolkata", "91", "en_IN", Script::Latin},
};
const std::size_t kPlaceCount = sizeof(kPlaces) / sizeof(kPlaces[0]);

const char* const kOrgWords[] = {"Northwind", "Bluebell", "Harbor",  "Summit", "Aurora",  "Riverside", "Dnipro",
                                 "Карпати",   "Olympus",  "Ωmega",   "Vltava", "Baltic",  "Sierra",    "Evergreen",
                                 "Meridian",  "Cedar",    "Polaris", "Lumen",  "Granite", "Kestrel"};
const std::size_t kOrgWordCount = sizeof(kOrgWords) / sizeof(kOrgWords[0]);
const char* const kOrgKinds[] = {"Farms",       "Smart Homes", "Facilities", "Greenhouses", "Energy",     "Logistics",
                                 "Water Works", "Hotels",      "Labs",       "Retail",      "Cold Chain", "Schools"};
const std::size_t kOrgKindCount = sizeof(kOrgKinds) / sizeof(kOrgKinds[0]);

const TagName kTags[] = {{"VIP", "#D9480F"},         {"Beta tester", "#7048E8"}, {"Installer", "#1C7ED6"},
                         {"Reseller", "#0CA678"},    {"Support", "#F59F00"},     {"Field team", "#E64980"},
                         {"Night shift", "#495057"}, {"Gold plan", "#E67700"},   {"Trial", "#868E96"},
                         {"Partner", "#1098AD"}};
const std::size_t kTagCount = sizeof(kTags) / sizeof(kTags[0]);

const Template kTemplates[] = {{"Smart Thermostat", "ESP32", "Thermostat"},
                               {"Air Quality Monitor", "ESP32-S3", "Air Monitor"},
                               {"Greenhouse Controller", "Raspberry Pi Pico W", "Greenhouse"},
                               {"Water Leak Sensor", "ESP8266", "Leak Sensor"},
                               {"Smart Plug", "ESP8266", "Plug"},
                               {"Energy Meter", "Particle Argon", "Energy Meter"},
                               {"Irrigation Valve", "Arduino MKR WiFi 1010", "Valve"},
                               {"Garage Door Opener", "Seeed Wio Terminal", "Garage Door"}};
const std::size_t kTemplateCount = sizeof(kTemplates) / sizeof(kTemplates[0]);

const char* const kRooms[] = {"Kitchen", "Living Room", "Office",  "Basement",    "Garage",  "Barn",      "Warehouse",
                              "Lobby",   "Roof",        "Bedroom", "Server Room", "Field 3", "Cold Room", "Workshop"};
const std::size_t kRoomCount = sizeof(kRooms) / sizeof(kRooms[0]);

const Action kActions[] = {{"Logged in", "USER_LOGIN"},
                           {"Logged out", "USER_LOGOUT"},
                           {"Device control", "DEVICE_CONTROL"},
                           {"Datastream value changed", "DATASTREAM_UPDATE"},
                           {"Device added", "DEVICE_ADDED"},
                           {"Device removed", "DEVICE_REMOVED"},
                           {"Profile updated", "PROFILE_UPDATED"},
                           {"Password changed", "PASSWORD_CHANGED"},
                           {"Automation triggered", "AUTOMATION_TRIGGERED"},
                           {"Notification settings changed", "NOTIFICATION_SETTINGS_CHANGED"},
                           {"Firmware update started", "OTA_STARTED"},
                           {"Device shared", "DEVICE_SHARED"}};
const std::size_t kActionCount = sizeof(kActions) / sizeof(kActions[0]);

const char* const kTitles[] = {"",          "",         "",      "Engineer",         "Technician",
                               "Manager",   "Operator", "Owner", "Facility Manager", "Support Specialist",
                               "Installer", "Analyst"};
const std::size_t kTitleCount = sizeof(kTitles) / sizeof(kTitles[0]);

}  // namespace roster::server::pools
