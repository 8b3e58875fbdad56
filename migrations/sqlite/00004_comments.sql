-- +goose Up
-- The comments of a design review. A comment's id is its number within
-- the design (c1, c2, ...); a thread is named by its first comment, whose
-- row also holds whether the thread is resolved. The subject (what the
-- thread is about, with its name at the time) is JSON, so that a thread
-- about a block deleted since still says what it was about.
CREATE TABLE comments (
    design_id         TEXT NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL CHECK (seq >= 1),
    thread            INTEGER NOT NULL,
    version           INTEGER NOT NULL,
    subject           TEXT NOT NULL,
    author            TEXT NOT NULL,
    verified          INTEGER NOT NULL,
    body              TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    resolved_at       TEXT,
    resolved_by       TEXT,
    resolved_verified INTEGER,
    PRIMARY KEY (design_id, seq)
) STRICT, WITHOUT ROWID;

-- Whether the view link may comment (1) or not (0); edit-link holders
-- always may.
ALTER TABLE designs ADD COLUMN comments_from_view INTEGER NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE designs DROP COLUMN comments_from_view;
DROP TABLE comments;
