#include "server/db/action_entry.h"

namespace roster::server {

bool write_action(Database& db, const ActionEntry& entry, std::int64_t now, std::string& error) {
  auto st =
      db.prepare("INSERT INTO actions_log(user_id, ts, org_id, client, action_name, action_code) VALUES (?,?,?,?,?,?)");
  st.bind(1, entry.actor_user_id)
      .bind(2, now)
      .bind(3, static_cast<std::int64_t>(entry.actor_org_id))
      .bind(4, entry.client)
      .bind(5, entry.name)
      .bind(6, entry.code);
  if (!st.run()) return error = st.error(), false;
  return true;
}

}  // namespace roster::server
