-- +goose Up
-- A design's review state changes without making a version: each change is
-- a row of its own, and the state now is the latest row. seq orders a
-- design's events; version is the design's version the event was made on
-- (for an approval, the version approved).
CREATE TABLE review_events (
    design_id  text NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    seq        integer NOT NULL CHECK (seq >= 1),
    state      text NOT NULL,
    by_name    text NOT NULL,
    version    integer NOT NULL,
    note       text NOT NULL,
    reviewers  text[] NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (design_id, seq)
);

-- +goose Down
DROP TABLE review_events;
