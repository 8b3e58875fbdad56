-- +goose Up
-- A design's current content lives in one row so that reading it is one
-- query; every applied batch is a revision row. Times are RFC 3339 UTC text.
CREATE TABLE designs (
    id                  TEXT PRIMARY KEY,
    edit_key_hash       TEXT NOT NULL UNIQUE,
    version             INTEGER NOT NULL CHECK (version >= 1),
    content             TEXT NOT NULL,
    forked_from_id      TEXT,
    forked_from_title   TEXT,
    forked_from_version INTEGER,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;

CREATE TABLE revisions (
    design_id  TEXT NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    ops        TEXT NOT NULL,
    inverse    TEXT NOT NULL,
    -- writes are the merge keys the batch changed, as a JSON array.
    writes     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (design_id, version)
) STRICT, WITHOUT ROWID;

-- +goose Down
DROP TABLE revisions;
DROP TABLE designs;
