-- +goose Up
-- A space is a team's list of designs, opened by its key (stored as a
-- hash, like an edit key). Times are RFC 3339 UTC text.
CREATE TABLE spaces (
    id         TEXT PRIMARY KEY,
    key_hash   TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- A design is in at most one space. Its summary is kept here, current on
-- each edit, so that a space is listed and filtered without reading its
-- designs: services and rules are JSON arrays of ids. changed_by stays
-- NULL while revisions do not record who made them.
CREATE TABLE space_designs (
    design_id  TEXT PRIMARY KEY REFERENCES designs (id) ON DELETE CASCADE,
    space_id   TEXT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    title      TEXT NOT NULL,
    services   TEXT NOT NULL,
    rules      TEXT NOT NULL,
    errors     INTEGER NOT NULL,
    warnings   INTEGER NOT NULL,
    infos      INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT,
    added_at   TEXT NOT NULL
) STRICT;
CREATE INDEX space_designs_space ON space_designs (space_id, changed_at);

-- Titles are searched by word prefix (FTS5), the index kept by triggers.
CREATE VIRTUAL TABLE space_designs_fts USING fts5 (title, content = 'space_designs', content_rowid = 'rowid');
-- +goose StatementBegin
CREATE TRIGGER space_designs_fts_insert AFTER INSERT ON space_designs BEGIN
    INSERT INTO space_designs_fts (rowid, title) VALUES (new.rowid, new.title);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER space_designs_fts_delete AFTER DELETE ON space_designs BEGIN
    INSERT INTO space_designs_fts (space_designs_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER space_designs_fts_update AFTER UPDATE OF title ON space_designs BEGIN
    INSERT INTO space_designs_fts (space_designs_fts, rowid, title) VALUES ('delete', old.rowid, old.title);
    INSERT INTO space_designs_fts (rowid, title) VALUES (new.rowid, new.title);
END;
-- +goose StatementEnd

-- A space's outgoing webhooks. The secret signs deliveries (HMAC), so it
-- is kept as it is; archlab shows it once, when the hook is made.
CREATE TABLE space_hooks (
    id         TEXT PRIMARY KEY,
    space_id   TEXT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    url        TEXT NOT NULL,
    events     TEXT NOT NULL,
    secret     TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX space_hooks_space ON space_hooks (space_id);

-- Deliveries waiting to be sent, so that a restart loses none. A claimed
-- delivery's next_at is pushed past its lease: another instance skips it
-- meanwhile, and takes it again if the claimer died.
CREATE TABLE hook_deliveries (
    id         TEXT PRIMARY KEY,
    hook_id    TEXT NOT NULL REFERENCES space_hooks (id) ON DELETE CASCADE,
    event      TEXT NOT NULL,
    body       BLOB NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    next_at    TEXT NOT NULL
) STRICT;
CREATE INDEX hook_deliveries_due ON hook_deliveries (next_at);

-- +goose Down
DROP TABLE hook_deliveries;
DROP TABLE space_hooks;
DROP TRIGGER space_designs_fts_update;
DROP TRIGGER space_designs_fts_delete;
DROP TRIGGER space_designs_fts_insert;
DROP TABLE space_designs_fts;
DROP TABLE space_designs;
DROP TABLE spaces;
