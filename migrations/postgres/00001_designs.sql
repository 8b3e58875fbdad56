-- +goose Up
-- A design's current content lives in one row so that reading it is one
-- query; every applied batch is a revision row.
CREATE TABLE designs (
    id                  text PRIMARY KEY,
    edit_key_hash       text NOT NULL UNIQUE,
    version             integer NOT NULL CHECK (version >= 1),
    content             jsonb NOT NULL,
    forked_from_id      text,
    forked_from_title   text,
    forked_from_version integer,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

CREATE TABLE revisions (
    design_id  text NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    version    integer NOT NULL,
    ops        jsonb NOT NULL,
    inverse    jsonb NOT NULL,
    -- writes are the merge keys the batch changed, read back to merge later
    -- batches that were based on an older version.
    writes     text[] NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (design_id, version)
);

-- +goose Down
DROP TABLE revisions;
DROP TABLE designs;
