#include "model/device.h"

#include "model/json_read.h"

namespace roster {

std::string mask_token(const std::string& token) {
  if (token.size() <= 8) return std::string(token.empty() ? 0 : 8, '*');
  return token.substr(0, 4) + "\xE2\x80\xA6" + token.substr(token.size() - 4);
}

nlohmann::json encode(const Device& d) {
  nlohmann::json j = {{"id", d.id},
                      {"templateId", d.templateId},
                      {"orgId", d.orgId},
                      {"name", d.name},
                      {"token", d.token},
                      {"activatedAt", d.activatedAt},
                      {"ownerUserId", d.ownerUserId},
                      {"hardwareInfo", d.hardwareInfo}};
  if (d.lifecycleStatus)
    j["lifecycleStatus"] = {{"eventId", d.lifecycleStatus->eventId},
                            {"name", d.lifecycleStatus->name},
                            {"icon", d.lifecycleStatus->icon},
                            {"color", d.lifecycleStatus->color}};
  if (d.firstConnectTime) j["firstConnectTime"] = *d.firstConnectTime;
  if (d.connectTime) j["connectTime"] = *d.connectTime;
  if (d.disconnectTime) j["disconnectTime"] = *d.disconnectTime;
  if (d.lastReceivedEventAt) j["lastReceivedEventAt"] = *d.lastReceivedEventAt;
  if (d.model) j["model"] = *d.model;
  if (d.connected) j["connected"] = *d.connected;
  if (d.ownerName) j["ownerName"] = *d.ownerName;
  if (d.ownerEmail) j["ownerEmail"] = *d.ownerEmail;
  if (d.orgName) j["orgName"] = *d.orgName;
  return j;
}

bool decode(const nlohmann::json& v, Device& out, std::string& error) {
  Device d;
  json_read::FieldReader r(v, error, "device");
  r.required("id", d.id)
      .required("name", d.name)
      .optional("templateId", d.templateId)
      .optional("orgId", d.orgId)
      .optional("token", d.token)
      .optional("activatedAt", d.activatedAt)
      .optional("ownerUserId", d.ownerUserId)
      .optional("firstConnectTime", d.firstConnectTime)
      .optional("connectTime", d.connectTime)
      .optional("disconnectTime", d.disconnectTime)
      .optional("lastReceivedEventAt", d.lastReceivedEventAt)
      .optional("model", d.model)
      .optional("connected", d.connected)
      .optional("ownerName", d.ownerName)
      .optional("ownerEmail", d.ownerEmail)
      .optional("orgName", d.orgName);
  if (!r.ok()) return false;
  auto hw = v.find("hardwareInfo");
  if (hw != v.end() && hw->is_object()) d.hardwareInfo = *hw;
  auto ls = v.find("lifecycleStatus");
  if (ls != v.end() && !ls->is_null()) {
    LifecycleStatus status;
    json_read::FieldReader l(*ls, error, "lifecycleStatus");
    l.optional("eventId", status.eventId)
        .optional("name", status.name)
        .optional("icon", status.icon)
        .optional("color", status.color);
    if (!l.ok()) return false;
    d.lifecycleStatus = status;
  }
  out = std::move(d);
  return true;
}

bool read_value(const nlohmann::json& v, Device& out) {
  std::string error;
  return decode(v, out, error);
}

const char* const kActionClients[8] = {"Android",    "iOS",   "Web",         "HTTPS API",
                                       "Automation", "Alexa", "Google Home", "Other"};

bool is_action_client(const std::string& client) {
  for (const char* c : kActionClients)
    if (client == c) return true;
  return false;
}

nlohmann::json encode(const ActionLogEntry& e) {
  return {{"ts", e.ts},         {"orgId", e.orgId},           {"orgName", e.orgName},
          {"client", e.client}, {"actionName", e.actionName}, {"actionCode", e.actionCode}};
}

bool decode(const nlohmann::json& v, ActionLogEntry& out, std::string& error) {
  ActionLogEntry e;
  json_read::FieldReader r(v, error, "action log entry");
  r.required("ts", e.ts)
      .optional("orgId", e.orgId)
      .optional("orgName", e.orgName)
      .optional("client", e.client)
      .optional("actionName", e.actionName)
      .optional("actionCode", e.actionCode);
  if (!r.ok()) return false;
  out = std::move(e);
  return true;
}

bool read_value(const nlohmann::json& v, ActionLogEntry& out) {
  std::string error;
  return decode(v, out, error);
}

}  // namespace roster
