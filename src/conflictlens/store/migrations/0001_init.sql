-- 0001: articles, their removed lines and sources, skipped inputs, extracted items.
CREATE TABLE articles (
    id                   TEXT PRIMARY KEY,          -- hash of the cleaned text
    source               TEXT NOT NULL,             -- first path or URL it was read from
    url                  TEXT,
    raw_format           TEXT NOT NULL,             -- text | html
    outlet               TEXT,
    title                TEXT,
    title_provenance     TEXT NOT NULL,
    author               TEXT,
    language             TEXT,
    dateline             TEXT,
    published_date       TEXT,
    published_precision  TEXT NOT NULL,
    published_provenance TEXT NOT NULL,
    published_rule       TEXT,
    published_evidence   TEXT,
    text                 TEXT NOT NULL,
    stages               TEXT NOT NULL,             -- JSON: stage name -> versioned name
    pipeline_version     TEXT NOT NULL
);

CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source     TEXT NOT NULL,
    PRIMARY KEY (article_id, source)
);

CREATE TABLE removed_lines (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    line       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
);

CREATE TABLE skipped (
    source           TEXT NOT NULL,
    code             TEXT NOT NULL,
    reason           TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    PRIMARY KEY (source, code)
);

-- Items extracted by later stages (entities, places, events, casualties, quotes, claims,
-- framing), one JSON payload each, tagged with the versioned stage that wrote it.
CREATE TABLE items (
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    position      INTEGER NOT NULL,
    payload       TEXT NOT NULL,
    stage_version TEXT NOT NULL,
    PRIMARY KEY (article_id, kind, position)
);
CREATE INDEX items_kind ON items(kind);
