-- +goose Up
-- Who made a revision, when known: {"name", "verified"} as JSON text, as
-- the person gave it (or the single sign-on proxy did, verified). NULL
-- when unknown, as it is for every revision made before this column.
ALTER TABLE revisions ADD COLUMN author TEXT;

-- +goose Down
ALTER TABLE revisions DROP COLUMN author;
