-- 0004: the inputs each article was made from, and with which configuration.
-- raw_hash is a hash of the document as read (before cleaning); fingerprint a hash of every
-- setting that changes the output (fingerprint.py). A re-run skips an input whose
-- raw_hash is stored with the same fingerprint, and re-processes it (replacing the stored
-- article) when the fingerprint differs.
CREATE TABLE article_inputs (
    raw_hash    TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL
);
CREATE INDEX article_inputs_article ON article_inputs(article_id)
