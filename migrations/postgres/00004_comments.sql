-- +goose Up
-- The comments of a design review. A comment's id is its number within
-- the design (c1, c2, ...); a thread is named by its first comment, whose
-- row also holds whether the thread is resolved. The subject (what the
-- thread is about, with its name at the time) is JSON, so that a thread
-- about a block deleted since still says what it was about.
CREATE TABLE comments (
    design_id         text NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
    seq               integer NOT NULL CHECK (seq >= 1),
    thread            integer NOT NULL,
    version           integer NOT NULL,
    subject           jsonb NOT NULL,
    author            text NOT NULL,
    verified          boolean NOT NULL,
    body              text NOT NULL,
    created_at        timestamptz NOT NULL,
    resolved_at       timestamptz,
    resolved_by       text,
    resolved_verified boolean,
    PRIMARY KEY (design_id, seq)
);

-- Whether the view link may comment; edit-link holders always may.
ALTER TABLE designs ADD COLUMN comments_from_view boolean NOT NULL DEFAULT true;

-- +goose Down
ALTER TABLE designs DROP COLUMN comments_from_view;
DROP TABLE comments;
