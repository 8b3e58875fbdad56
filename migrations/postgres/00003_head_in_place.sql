-- +goose Up
-- Every edit rewrites a design's row (version, content, updated_at). Kept
-- in the row, compressed (STORAGE MAIN; the default would move any
-- document over 2 KB compressed into TOAST), a document that fits a page
-- is rewritten on its own page: with half of each page left free
-- (fillfactor), the update is HOT and the next one prunes the dead copy,
-- with or without a vacuum. Out of line, each edit wrote a new TOAST copy
-- and left the old one dead until a vacuum: 2 KB per edit of a 100-block
-- design. Documents too large for a page still go out of line.
ALTER TABLE designs SET (fillfactor = 50);
ALTER TABLE designs ALTER COLUMN content SET STORAGE MAIN;

-- +goose Down
ALTER TABLE designs ALTER COLUMN content SET STORAGE EXTENDED;
ALTER TABLE designs RESET (fillfactor);
