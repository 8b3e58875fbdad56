-- +goose Up
-- A design's review state changes without making a version: each change is
-- a row of its own, and the state now is the latest row. seq orders a
-- design's events; version is the design's version the event was made on
-- (for an approval, the version approved). reviewers is a JSON array.
CREATE TABLE review_events (
    design_id  TEXT NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    state      TEXT NOT NULL,
    by_name    TEXT NOT NULL,
    version    INTEGER NOT NULL,
    note       TEXT NOT NULL,
    reviewers  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (design_id, seq)
) STRICT, WITHOUT ROWID;

-- +goose Down
DROP TABLE review_events;
