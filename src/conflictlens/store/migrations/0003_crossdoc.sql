-- 0003: results of the incremental cross-article pass (conflictlens crossdoc).
-- crossdoc_linked is the watermark: the articles whose events the pass has linked.
CREATE TABLE crossdoc_linked (
    article_id   TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    pass_version TEXT NOT NULL
);

-- One row per clusterable event: the fields the linking rules compare (JSON), a blocking
-- key (type, day range) and its group: events with one root are reports of one event.
CREATE TABLE event_links (
    event_id   TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type       TEXT NOT NULL,
    day_start  TEXT NOT NULL,
    day_end    TEXT NOT NULL,
    fields     TEXT NOT NULL,
    root       TEXT NOT NULL
);
CREATE INDEX event_links_type_day ON event_links(type, day_start);
CREATE INDEX event_links_root ON event_links(root);

-- Places met by the pass, by id (the fields the place rules compare).
CREATE TABLE crossdoc_places (
    place_id TEXT PRIMARY KEY,
    payload  TEXT NOT NULL
)
