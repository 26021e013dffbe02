// Devices as the Platform API shows them (list item and "Get device info"), and action-log entries
// of the user actions log extension. The device token is a credential: mask_token() is what any
// screen shows.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace roster {

struct LifecycleStatus {
  std::int32_t eventId = 0;
  std::string name, icon, color;
};

struct Device {
  std::int32_t id = 0;
  std::int32_t templateId = 0;
  std::int32_t orgId = 0;
  std::string name;
  std::string token;
  std::int64_t activatedAt = 0;
  std::int64_t ownerUserId = 0;
  nlohmann::json hardwareInfo = nlohmann::json::object();  // free-form: boardType, version, ...

  // "Get device info" fields.
  std::optional<LifecycleStatus> lifecycleStatus;
  std::optional<std::int64_t> firstConnectTime, connectTime, disconnectTime, lastReceivedEventAt;

  // Extension fields of list and search items (reference server only): what the Devices screen
  // and the profile's Devices tab show without a request per row.
  std::optional<std::string> model;
  std::optional<bool> connected;
  std::optional<std::string> ownerName, ownerEmail;
  std::optional<std::string> orgName;
};

// "abcd…wxyz": enough to tell two tokens apart, never enough to use one.
std::string mask_token(const std::string& token);

nlohmann::json encode(const Device& device);
bool decode(const nlohmann::json& v, Device& out, std::string& error);
bool read_value(const nlohmann::json& v, Device& out);

struct ActionLogEntry {
  std::int64_t ts = 0;
  std::int32_t orgId = 0;
  std::string orgName;
  std::string client;  // Android, iOS, Web, HTTPS API, Automation, Alexa, Google Home, Other
  std::string actionName;
  std::string actionCode;
};

// The eight clients of the actions log, in the order the Console lists them.
extern const char* const kActionClients[8];
bool is_action_client(const std::string& client);

nlohmann::json encode(const ActionLogEntry& entry);
bool decode(const nlohmann::json& v, ActionLogEntry& out, std::string& error);
bool read_value(const nlohmann::json& v, ActionLogEntry& out);

}  // namespace roster
