-- +goose Up
-- A space is a team's list of designs, opened by its key (stored as a
-- hash, like an edit key).
CREATE TABLE spaces (
    id         text PRIMARY KEY,
    key_hash   text NOT NULL UNIQUE,
    title      text NOT NULL,
    created_at timestamptz NOT NULL
);

-- A design is in at most one space. Its summary is kept here, current on
-- each edit, so that a space is listed and filtered without reading its
-- designs. changed_by stays NULL while revisions do not record who made
-- them. Titles are searched through a generated tsvector ('simple': titles
-- are names, not English prose to stem).
CREATE TABLE space_designs (
    design_id  text PRIMARY KEY REFERENCES designs (id) ON DELETE CASCADE,
    space_id   text NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    version    integer NOT NULL,
    title      text NOT NULL,
    services   text[] NOT NULL,
    rules      text[] NOT NULL,
    errors     integer NOT NULL,
    warnings   integer NOT NULL,
    infos      integer NOT NULL,
    changed_at timestamptz NOT NULL,
    changed_by text,
    added_at   timestamptz NOT NULL,
    search     tsvector GENERATED ALWAYS AS (to_tsvector('simple', title)) STORED
);
CREATE INDEX space_designs_space ON space_designs (space_id, changed_at);
CREATE INDEX space_designs_search ON space_designs USING gin (search);
CREATE INDEX space_designs_services ON space_designs USING gin (services);
CREATE INDEX space_designs_rules ON space_designs USING gin (rules);

-- A space's outgoing webhooks. The secret signs deliveries (HMAC), so it
-- is kept as it is; archlab shows it once, when the hook is made.
CREATE TABLE space_hooks (
    id         text PRIMARY KEY,
    space_id   text NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    url        text NOT NULL,
    events     text[] NOT NULL,
    secret     text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX space_hooks_space ON space_hooks (space_id);

-- Deliveries waiting to be sent, so that a restart loses none. A claimed
-- delivery's next_at is pushed past its lease: another instance skips it
-- meanwhile (and SKIP LOCKED while claiming), and takes it again if the
-- claimer died.
CREATE TABLE hook_deliveries (
    id         text PRIMARY KEY,
    hook_id    text NOT NULL REFERENCES space_hooks (id) ON DELETE CASCADE,
    event      text NOT NULL,
    body       bytea NOT NULL,
    attempts   integer NOT NULL DEFAULT 0,
    next_at    timestamptz NOT NULL
);
CREATE INDEX hook_deliveries_due ON hook_deliveries (next_at);

-- +goose Down
DROP TABLE hook_deliveries;
DROP TABLE space_hooks;
DROP TABLE space_designs;
DROP TABLE spaces;
