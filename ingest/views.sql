-- Views analysts, the dashboard, the weekly PDF and the exports all read, so they never disagree.
-- Re-created (CREATE OR REPLACE) every time the writer opens the database. Documented in docs/schema.md.

-- One row per mention, with its place, its report and the date used for maps and weeks.
CREATE OR REPLACE VIEW mentions_wide AS
WITH dated AS (
    SELECT
        m.*,
        coalesce(m.event_date, r.published_date, CAST(r.ingested_at AS DATE)) AS mention_date
    FROM mentions AS m
    JOIN reports AS r USING (report_id)
)
SELECT
    d.mention_id,
    d.report_id,
    d.place_id,
    p.name_en        AS place_name_en,
    p.name_ar        AS place_name_ar,
    p.kind           AS place_kind,
    p.country_code,
    p.admin1_name,
    p.pcode,
    p.parent_place_id,
    p.lat,
    p.lon,
    d.event_type,
    d.modality,
    d.event_date,
    d.date_precision,
    d.mention_date,
    CAST(date_trunc('week', d.mention_date) AS DATE)                  AS week_start,
    printf('%d-W%02d', isoyear(d.mention_date), week(d.mention_date)) AS iso_week,
    d.evidence,
    d.char_start,
    d.char_end,
    d.confidence,
    d.place_text,
    d.place_char_start,
    d.place_char_end,
    d.trigger_text,
    d.trigger_char_start,
    d.trigger_char_end,
    d.match_method,
    d.geo_precision,
    d.place_role,
    d.attach_scope,
    d.date_note,
    r.url,
    r.source_name,
    r.title          AS report_title,
    r.language,
    r.published_date
FROM dated AS d
JOIN places AS p USING (place_id)
JOIN reports AS r USING (report_id);

-- Mentions per place, ISO week, event type and modality.
CREATE OR REPLACE VIEW weekly_place_counts AS
SELECT
    week_start,
    iso_week,
    place_id,
    place_name_en,
    place_name_ar,
    place_kind,
    country_code,
    admin1_name,
    event_type,
    modality,
    count(*)                  AS mention_count,
    count(DISTINCT report_id) AS report_count
FROM mentions_wide
GROUP BY ALL;

-- NGO statements with their report and ISO week.
CREATE OR REPLACE VIEW statements_by_week AS
WITH dated AS (
    SELECT
        s.*,
        coalesce(s.statement_date, r.published_date, CAST(r.ingested_at AS DATE)) AS effective_date
    FROM statements AS s
    JOIN reports AS r USING (report_id)
)
SELECT
    d.statement_id,
    d.report_id,
    d.organisation,
    d.organisation_text,
    d.gist_type,
    d.statement_date,
    d.effective_date,
    CAST(date_trunc('week', d.effective_date) AS DATE)                    AS week_start,
    printf('%d-W%02d', isoyear(d.effective_date), week(d.effective_date)) AS iso_week,
    d.evidence,
    d.place_ids,
    d.event_types,
    r.url,
    r.source_name,
    r.title AS report_title,
    r.language
FROM dated AS d
JOIN reports AS r USING (report_id);

-- Figures (displaced, killed, injured...) with place and source, for side-by-side comparison.
CREATE OR REPLACE VIEW figures_wide AS
WITH dated AS (
    SELECT
        f.*,
        coalesce(f.figure_date, r.published_date, CAST(r.ingested_at AS DATE)) AS effective_date
    FROM figures AS f
    JOIN reports AS r USING (report_id)
)
SELECT
    d.figure_id,
    d.report_id,
    d.place_id,
    p.name_en AS place_name_en,
    p.name_ar AS place_name_ar,
    p.country_code,
    p.admin1_name,
    d.category,
    d.quantity,
    d.unit,
    d.figure_date,
    d.effective_date,
    CAST(date_trunc('week', d.effective_date) AS DATE)                    AS week_start,
    printf('%d-W%02d', isoyear(d.effective_date), week(d.effective_date)) AS iso_week,
    d.evidence,
    r.url,
    r.source_name,
    r.title AS report_title
FROM dated AS d
JOIN reports AS r USING (report_id)
LEFT JOIN places AS p USING (place_id);

-- Analyst views for the weekly snapshot and docs/queries.md (added by reporting, issue 6).

-- Per place, the first week in which a mention reported as happening (modality 'reported') names it.
-- "Places newly affected in week W" are the rows with first_iso_week = W (the snapshot uses this rule).
CREATE OR REPLACE VIEW places_first_seen AS
SELECT
    place_id,
    any_value(place_name_en) AS place_name_en,
    any_value(place_name_ar) AS place_name_ar,
    any_value(place_kind)    AS place_kind,
    any_value(country_code)  AS country_code,
    any_value(admin1_name)   AS admin1_name,
    min(mention_date)        AS first_mention_date,
    min(week_start)          AS first_week_start,
    printf('%d-W%02d', isoyear(min(week_start)), week(min(week_start))) AS first_iso_week,
    count(*)                 AS mention_count
FROM mentions_wide
WHERE modality = 'reported'
GROUP BY place_id;

-- Places where displacement was reported in a week and in the week before it: one row per such week.
CREATE OR REPLACE VIEW displacement_consecutive_weeks AS
WITH weekly AS (
    SELECT place_id, place_name_en, place_name_ar, place_kind, country_code, admin1_name, week_start,
           iso_week, CAST(sum(mention_count) AS BIGINT) AS mention_count
    FROM weekly_place_counts
    WHERE event_type = 'displacement' AND modality = 'reported'
    GROUP BY ALL
)
SELECT
    w.place_id,
    w.place_name_en,
    w.place_name_ar,
    w.place_kind,
    w.country_code,
    w.admin1_name,
    w.week_start,
    w.iso_week,
    w.mention_count,
    p.mention_count AS previous_week_mention_count
FROM weekly AS w
JOIN weekly AS p ON p.place_id = w.place_id AND p.week_start = w.week_start - 7;
