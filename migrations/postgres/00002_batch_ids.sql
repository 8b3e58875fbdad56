-- +goose Up
-- A batch sent with an id (chosen by the client) records it with its
-- revision, so that sending the batch again after a lost answer finds it
-- and is not applied twice. Batches without an id (NULL) are not indexed.
ALTER TABLE revisions ADD COLUMN batch_id text;
CREATE UNIQUE INDEX revisions_batch_id ON revisions (design_id, batch_id) WHERE batch_id IS NOT NULL;

-- +goose Down
DROP INDEX revisions_batch_id;
ALTER TABLE revisions DROP COLUMN batch_id;
