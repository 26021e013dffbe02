// The in-memory indexes' rows, read from SQLite: every user and device at start, and after each
// committed write the one user (and their devices) it touched. The indexes know no SQL; these
// functions are the only statements that feed them, so a user reads alike before and after a write.
#pragma once

#include "server/index/device_index.h"
#include "server/index/user_index.h"
#include "server/sqlite/sqlite_db.h"

#include <cstdint>
#include <string>
#include <vector>

namespace roster::server {

// Replaces the index's contents with every user of the database. False with `error` when the users
// cannot be read.
bool load_user_index(Database& db, UserIndex& index, std::string& error);
// Re-reads one user and moves them in the orders whose key changed; a user with no row is dropped.
bool refresh_indexed_user(Database& db, UserIndex& index, std::int64_t user_id, std::string& error);

// Re-reads many users (a bulk change), `batch` at a time: each batch is one statement and one
// write lock of the index, so readers never wait for more than a batch. Users without a row are
// dropped.
bool refresh_indexed_users(Database& db, UserIndex& index, const std::vector<std::int64_t>& user_ids, std::size_t batch,
                           std::string& error);

// The first step of loading the devices (DeviceIndex::read); DeviceIndex::finish_load completes it.
bool read_device_index(Database& db, DeviceIndex& index, std::string& error);
// Re-reads the devices of one owner (after a committed write of that user): their organisation, their
// owner's name. Devices that no longer name the owner keep their place until their own owner is
// refreshed.
bool refresh_owner_devices(Database& db, DeviceIndex& index, std::int64_t user_id, std::string& error);
// Re-reads devices by id: after a delete, the devices that were the user's (they name no owner now,
// so refresh_owner_devices() cannot find them).
bool refresh_devices(Database& db, DeviceIndex& index, const std::vector<std::int64_t>& device_ids, std::string& error);

}  // namespace roster::server
