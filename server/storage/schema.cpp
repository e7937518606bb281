// SPDX-License-Identifier: MIT
#include "server/storage/schema.h"

namespace roomgate::server::Schema {

namespace {

// Step 1: the schema of protocol v1.
// clang-format off
constexpr Migration kMigrations[] = {
    {R"(
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE rooms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    capacity INTEGER NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_activity BIGINT NOT NULL);
CREATE TABLE reservations (
    id TEXT PRIMARY KEY,
    ticket_hash TEXT NOT NULL UNIQUE,
    room_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    node_id TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL);
CREATE INDEX reservations_room ON reservations(room_id, state, expires_at);
CREATE INDEX reservations_user ON reservations(user_id, room_id, state);
CREATE INDEX reservations_expiry ON reservations(state, expires_at);
CREATE TABLE memberships (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    connection_id TEXT NOT NULL,
    address TEXT NOT NULL,
    since BIGINT NOT NULL,
    UNIQUE (room_id, user_id));
CREATE INDEX memberships_node ON memberships(node_id);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL,
    sender TEXT NOT NULL,
    body TEXT NOT NULL,
    client_id TEXT,
    sent_at BIGINT NOT NULL);
CREATE INDEX messages_room ON messages(room_id, id);
CREATE UNIQUE INDEX messages_client ON messages(room_id, user_id, client_id);
CREATE TABLE bans (
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (room_id, user_id));
CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    lease_expires BIGINT NOT NULL,
    started_at BIGINT NOT NULL);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at BIGINT NOT NULL,
    admin TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL);
)",
     R"(
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL);
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE TABLE rooms (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    capacity INTEGER NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_activity BIGINT NOT NULL);
CREATE TABLE reservations (
    id TEXT PRIMARY KEY,
    ticket_hash TEXT NOT NULL UNIQUE,
    room_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    node_id TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL);
CREATE INDEX reservations_room ON reservations(room_id, state, expires_at);
CREATE INDEX reservations_user ON reservations(user_id, room_id, state);
CREATE INDEX reservations_expiry ON reservations(state, expires_at);
CREATE TABLE memberships (
    id BIGSERIAL PRIMARY KEY,
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    node_id TEXT NOT NULL,
    connection_id TEXT NOT NULL,
    address TEXT NOT NULL,
    since BIGINT NOT NULL,
    UNIQUE (room_id, user_id));
CREATE INDEX memberships_node ON memberships(node_id);
CREATE TABLE messages (
    id BIGSERIAL PRIMARY KEY,
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL,
    sender TEXT NOT NULL,
    body TEXT NOT NULL,
    client_id TEXT,
    sent_at BIGINT NOT NULL);
CREATE INDEX messages_room ON messages(room_id, id);
CREATE UNIQUE INDEX messages_client ON messages(room_id, user_id, client_id);
CREATE TABLE bans (
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (room_id, user_id));
CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    lease_expires BIGINT NOT NULL,
    started_at BIGINT NOT NULL);
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    admin TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL);
)"},
    // Step 2: what each node reports with its lease, for the admin overview of every node.
    {R"(
ALTER TABLE nodes ADD COLUMN sockets INTEGER NOT NULL DEFAULT 0;
ALTER TABLE nodes ADD COLUMN decision_rate REAL NOT NULL DEFAULT 0;
ALTER TABLE nodes ADD COLUMN message_rate REAL NOT NULL DEFAULT 0;
)", R"(
ALTER TABLE nodes ADD COLUMN sockets INTEGER NOT NULL DEFAULT 0;
ALTER TABLE nodes ADD COLUMN decision_rate DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE nodes ADD COLUMN message_rate DOUBLE PRECISION NOT NULL DEFAULT 0;
)"},
    // Step 3: a user's live reservation for a room is found by one index seek. Without
    // expires_at here, SQLite read it through reservations_room instead, visiting every live
    // reservation of the room: 30 us of each reservation decision at capacity 100.
    {R"(
DROP INDEX reservations_user;
CREATE INDEX reservations_user ON reservations(user_id, room_id, state, expires_at);
)", R"(
DROP INDEX reservations_user;
CREATE INDEX reservations_user ON reservations(user_id, room_id, state, expires_at);
)"},
    // Step 4: what is looked up by user has an index on the user. Without them, a sign-in
    // (which keeps a user's newest sessions) read every session of every user, and a claim
    // (which counts the user's joined sockets) every membership — on the writer, which every
    // decision waits for.
    {R"(
CREATE INDEX sessions_user ON sessions(user_id, created_at);
CREATE INDEX memberships_user ON memberships(user_id);
)", R"(
CREATE INDEX sessions_user ON sessions(user_id, created_at);
CREATE INDEX memberships_user ON memberships(user_id);
)"},
    // Step 5: the live reservations of a room and of a user are indexed apart from the ended
    // ones (kept ten minutes: at 1000 entries a second, 600,000 rows). Every reservation and
    // claim wrote a leaf page of each of the two full indexes, a different one for each room
    // and user; these hold only the few live rows, a page or two, written once per group.
    {R"(
DROP INDEX reservations_room;
DROP INDEX reservations_user;
CREATE INDEX reservations_room_live ON reservations(room_id, expires_at) WHERE state = 'live';
CREATE INDEX reservations_user_live ON reservations(user_id, room_id, expires_at)
    WHERE state = 'live';
)", R"(
DROP INDEX reservations_room;
DROP INDEX reservations_user;
CREATE INDEX reservations_room_live ON reservations(room_id, expires_at) WHERE state = 'live';
CREATE INDEX reservations_user_live ON reservations(user_id, room_id, expires_at)
    WHERE state = 'live';
)"},
    // Step 6: a ticket carries its reservation's id (and a MAC of it), so a claim finds the
    // reservation by id, and the ticket hashes go with their index: a random page of it was
    // written for every reservation, a fifth of the pages of each group commit. Tickets made
    // before this step no longer claim (their reservations live 30 s). SQLite cannot drop a
    // UNIQUE column: the table is made again.
    {R"(
CREATE TABLE reservations_step6 (
    id TEXT PRIMARY KEY,
    room_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    node_id TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL);
INSERT INTO reservations_step6 (id, room_id, user_id, node_id, state, created_at, expires_at)
    SELECT id, room_id, user_id, node_id, state, created_at, expires_at FROM reservations;
DROP TABLE reservations;
ALTER TABLE reservations_step6 RENAME TO reservations;
CREATE INDEX reservations_expiry ON reservations(state, expires_at);
CREATE INDEX reservations_room_live ON reservations(room_id, expires_at) WHERE state = 'live';
CREATE INDEX reservations_user_live ON reservations(user_id, room_id, expires_at)
    WHERE state = 'live';
)", R"(
ALTER TABLE reservations DROP COLUMN ticket_hash;
)"},
};
// clang-format on

} // namespace

std::span<const Migration> migrations()
{
    return kMigrations;
}

} // namespace roomgate::server::Schema
