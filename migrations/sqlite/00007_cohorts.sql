-- +goose Up
-- Training: cohorts of trainees, and which lab each lab design came from.
-- Keys are stored as hashes, like edit keys. Times are RFC 3339 UTC text.
CREATE TABLE cohorts (
    id                  TEXT PRIMARY KEY,
    title               TEXT NOT NULL,
    -- labs is a JSON array of lab slugs.
    labs                TEXT NOT NULL,
    join_key_hash       TEXT NOT NULL UNIQUE,
    instructor_key_hash TEXT NOT NULL UNIQUE,
    -- the join key sealed with the instructor's key, so that their page
    -- can show the trainees' link again while the database alone cannot.
    sealed_join_key     TEXT NOT NULL,
    created_at          TEXT NOT NULL
) STRICT;

CREATE TABLE cohort_members (
    id         TEXT PRIMARY KEY,
    cohort_id  TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    key_hash   TEXT NOT NULL UNIQUE,
    joined_at  TEXT NOT NULL
) STRICT;
CREATE INDEX cohort_members_cohort ON cohort_members (cohort_id, joined_at);

-- lab_designs marks a design as started from a lab; a member's row also
-- holds the design's edit key sealed with the member's own key.
CREATE TABLE lab_designs (
    design_id    TEXT PRIMARY KEY REFERENCES designs (id) ON DELETE CASCADE,
    lab          TEXT NOT NULL,
    member_id    TEXT REFERENCES cohort_members (id) ON DELETE CASCADE,
    sealed_key   TEXT NOT NULL DEFAULT '',
    hints        INTEGER NOT NULL DEFAULT 0 CHECK (hints >= 0),
    started_at   TEXT NOT NULL,
    completed_at TEXT
) STRICT;
CREATE UNIQUE INDEX lab_designs_member_lab ON lab_designs (member_id, lab) WHERE member_id IS NOT NULL;

-- +goose Down
DROP TABLE lab_designs;
DROP TABLE cohort_members;
DROP TABLE cohorts;
