-- The one schema of displacement-monitor. Applied (idempotently) every time the writer opens the
-- database. Changes are additive only: new tables, new columns (ALTER ... ADD COLUMN IF NOT EXISTS
-- in a numbered migration recorded in schema_migrations), never renames or drops, because analysts'
-- saved queries depend on these names. Every table and column is described in docs/schema.md and in
-- ingest/schema_comments.py (emitted as COMMENT ON).

CREATE TABLE IF NOT EXISTS schema_migrations (
    version      INTEGER PRIMARY KEY,
    name         VARCHAR NOT NULL,
    applied_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS reports (
    report_id       VARCHAR PRIMARY KEY,
    url             VARCHAR NOT NULL,
    source_name     VARCHAR,
    title           VARCHAR,
    language        VARCHAR,
    published_date  DATE,
    body_text       VARCHAR NOT NULL,
    content_sha256  VARCHAR NOT NULL,
    ingested_at     TIMESTAMP NOT NULL,
    input_kind      VARCHAR,
    date_source     VARCHAR,
    extracted_at    TIMESTAMP
);
CREATE UNIQUE INDEX IF NOT EXISTS reports_url_idx ON reports (url);
CREATE UNIQUE INDEX IF NOT EXISTS reports_sha_idx ON reports (content_sha256);

CREATE TABLE IF NOT EXISTS places (
    place_id         VARCHAR PRIMARY KEY,
    name_en          VARCHAR,
    name_ar          VARCHAR,
    kind             VARCHAR NOT NULL,
    country_code     VARCHAR,
    admin1_name      VARCHAR,
    pcode            VARCHAR,
    parent_place_id  VARCHAR,
    lat              DOUBLE,
    lon              DOUBLE,
    geo_precision    INTEGER,
    source           VARCHAR
);

CREATE TABLE IF NOT EXISTS place_names (
    place_id    VARCHAR NOT NULL,
    name        VARCHAR NOT NULL,
    language    VARCHAR,
    name_kind   VARCHAR,
    source      VARCHAR
);

CREATE TABLE IF NOT EXISTS place_boundaries (
    place_id      VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    admin_level   INTEGER,
    geometry_wkb  BLOB NOT NULL,
    imported_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (place_id, source)
);

CREATE TABLE IF NOT EXISTS mentions (
    mention_id          VARCHAR PRIMARY KEY,
    report_id           VARCHAR NOT NULL,
    place_id            VARCHAR NOT NULL,
    event_type          VARCHAR NOT NULL,
    modality            VARCHAR NOT NULL,
    event_date          DATE,
    date_precision      VARCHAR,
    evidence            VARCHAR NOT NULL,
    char_start          INTEGER NOT NULL,
    char_end            INTEGER NOT NULL,
    confidence          DOUBLE NOT NULL,
    place_text          VARCHAR,
    place_char_start    INTEGER,
    place_char_end      INTEGER,
    trigger_text        VARCHAR,
    trigger_char_start  INTEGER,
    trigger_char_end    INTEGER,
    match_method        VARCHAR,
    geo_precision       INTEGER,
    place_role          VARCHAR,
    attach_scope        VARCHAR,
    date_note           VARCHAR,
    reason              VARCHAR
);
CREATE INDEX IF NOT EXISTS mentions_report_idx ON mentions (report_id);

CREATE TABLE IF NOT EXISTS statements (
    statement_id     VARCHAR PRIMARY KEY,
    report_id        VARCHAR NOT NULL,
    organisation     VARCHAR NOT NULL,
    statement_date   DATE,
    evidence         VARCHAR NOT NULL,
    char_start       INTEGER,
    char_end         INTEGER,
    gist_type        VARCHAR,
    organisation_text VARCHAR,
    date_precision   VARCHAR,
    date_note        VARCHAR,
    place_ids        VARCHAR[],
    event_types      VARCHAR[]
);
CREATE INDEX IF NOT EXISTS statements_report_idx ON statements (report_id);

CREATE TABLE IF NOT EXISTS figures (
    figure_id      VARCHAR PRIMARY KEY,
    report_id      VARCHAR NOT NULL,
    place_id       VARCHAR,
    figure_date    DATE,
    quantity       BIGINT NOT NULL,
    unit           VARCHAR NOT NULL,
    category       VARCHAR NOT NULL,
    evidence       VARCHAR NOT NULL,
    char_start     INTEGER,
    char_end       INTEGER
);
CREATE INDEX IF NOT EXISTS figures_report_idx ON figures (report_id);

CREATE TABLE IF NOT EXISTS ingest_runs (
    run_id             VARCHAR PRIMARY KEY,
    started_at         TIMESTAMP NOT NULL,
    finished_at        TIMESTAMP,
    inputs             VARCHAR,
    reports_read       INTEGER,
    reports_new        INTEGER,
    reports_duplicate  INTEGER,
    reports_failed     INTEGER,
    mentions_written   INTEGER,
    statements_written INTEGER
);

CREATE TABLE IF NOT EXISTS ingest_errors (
    run_id      VARCHAR NOT NULL,
    input       VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    logged_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Migration 1 (foundation): the canonical URL a page names for itself, and the HTTP validators
-- (ETag / Last-Modified) of fetched URLs so the next run can ask "has it changed?".
ALTER TABLE reports ADD COLUMN IF NOT EXISTS canonical_url VARCHAR;

CREATE TABLE IF NOT EXISTS http_validators (
    url            VARCHAR PRIMARY KEY,
    etag           VARCHAR,
    last_modified  VARCHAR,
    fetched_at     TIMESTAMP NOT NULL
);

INSERT INTO schema_migrations (version, name) VALUES (1, 'reports.canonical_url and http_validators')
ON CONFLICT DO NOTHING;
