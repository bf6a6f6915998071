"""The store's tables, created and migrated by the tool.

`MIGRATIONS[n]` takes a store from version n to n + 1; a store remembers its version in
`schema_version`. Add a change as a new step at the end (never edit a released step). The SQL
is portable: it runs unchanged on SQLite and PostgreSQL (DOUBLE PRECISION has REAL affinity
in SQLite; booleans are 0/1 integers on both).
"""

from __future__ import annotations

from tacitus.store.backends import Backend
from tacitus.store.clusters import CLUSTER_STEP
from tacitus.store.geo import GEO_STEP

STATUSES = ("coded", "rejected", "duplicate")  # every stored document is final; none is ever "pending"

DOCUMENTS = """
CREATE TABLE documents (
    key TEXT PRIMARY KEY,          -- the input id, or 'text:<hash>' when the input has none
    seq BIGINT NOT NULL,           -- storing order (input order within a run)
    id TEXT NOT NULL,
    title TEXT,
    date TEXT,
    url TEXT,
    source TEXT,
    text_hash TEXT,                -- sha256 of the whitespace-normalised text (NULL if unreadable)
    status TEXT NOT NULL,          -- coded | rejected | duplicate
    error TEXT,                    -- why a document was rejected
    duplicate_of TEXT,             -- key of the stored document with the same text
    n_events INTEGER NOT NULL DEFAULT 0,
    run_id TEXT NOT NULL,          -- the run that stored it (a run skips ids it has already stored)
    stored_at TEXT NOT NULL
)"""

ACTORS = """
CREATE TABLE actors (
    doc_key TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    name TEXT,
    code TEXT,
    country TEXT,
    sector TEXT,
    kind TEXT,
    mentions TEXT,                 -- JSON list of {text, start, end, sentence}
    PRIMARY KEY (doc_key, ordinal)
)"""

EVENTS = """
CREATE TABLE events (
    doc_key TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    day TEXT,                      -- event date, else the document's: what filters and months use
    date TEXT,                     -- the event's own date, as coded
    sentence INTEGER NOT NULL,
    evidence TEXT,
    source_actor TEXT, source_text TEXT, source_code TEXT, source_country TEXT, source_sector TEXT,
    source_start INTEGER, source_end INTEGER,
    target_actor TEXT, target_text TEXT, target_code TEXT, target_country TEXT, target_sector TEXT,
    target_start INTEGER, target_end INTEGER,
    cameo TEXT NOT NULL,
    root TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein DOUBLE PRECISION NOT NULL,
    plover_type TEXT,
    plover_mode TEXT,
    trigger_text TEXT, trigger_start INTEGER, trigger_end INTEGER,
    negated INTEGER NOT NULL,
    modality TEXT NOT NULL,
    attributed_to TEXT,
    statement TEXT,
    place_name TEXT,
    place_country TEXT,
    rule TEXT,
    depth INTEGER NOT NULL DEFAULT 0,
    factual INTEGER NOT NULL,
    PRIMARY KEY (doc_key, ordinal)
)"""

STATEMENTS = """
CREATE TABLE statements (
    doc_key TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    statement_id TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    speaker_actor TEXT, speaker_text TEXT, speaker_code TEXT, speaker_country TEXT, speaker_sector TEXT,
    speaker_start INTEGER, speaker_end INTEGER,
    cue_text TEXT, cue_start INTEGER, cue_end INTEGER,
    content_text TEXT, content_start INTEGER, content_end INTEGER,
    direct INTEGER NOT NULL,
    depth INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_key, ordinal)
)"""

# The text of every coded document (what the offsets point into) and its full-text index.
TEXTS = """
CREATE TABLE texts (
    doc_key TEXT PRIMARY KEY,
    text TEXT NOT NULL
)"""

# The framing register: the names each speaker used for each actor in a document, counted.
NAMES = """
CREATE TABLE names (
    doc_key TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    speaker TEXT NOT NULL,         -- the speaker's fullest name, or the article's source for narration
    speaker_code TEXT,
    speaker_actor TEXT,            -- actor id of the speaker in the document (NULL: narration)
    actor TEXT NOT NULL,           -- actor id in the document
    actor_code TEXT,
    name TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (doc_key, ordinal)
)"""

# Full-text search differs by dialect, so this step has one statement per backend. SQLite: an
# FTS5 table keyed by the document's seq, kept in step with `texts` by triggers (children are
# deleted before their document, so the seq is still there). PostgreSQL: a GIN index on the
# text's tsvector, which the server maintains itself.
SEARCH_SQLITE = [
    "CREATE VIRTUAL TABLE texts_fts USING fts5(body, tokenize = 'porter unicode61')",
    "CREATE TRIGGER texts_fts_insert AFTER INSERT ON texts BEGIN "
    "INSERT INTO texts_fts (rowid, body) SELECT d.seq, COALESCE(d.title, '') || ' ' || new.text FROM documents d WHERE d.key = new.doc_key; END",
    "CREATE TRIGGER texts_fts_delete AFTER DELETE ON texts BEGIN "
    "DELETE FROM texts_fts WHERE rowid = (SELECT d.seq FROM documents d WHERE d.key = old.doc_key); END",
]
SEARCH_POSTGRES = ["CREATE INDEX texts_tsv ON texts USING GIN (to_tsvector('english', text))"]

Step = str | dict[str, list[str]]  # portable SQL, or {backend name: statements}

MIGRATIONS: list[list[Step]] = [
    # 0 -> 1: the first schema
    [
        DOCUMENTS,
        "CREATE UNIQUE INDEX documents_seq ON documents (seq)",
        "CREATE INDEX documents_text_hash ON documents (text_hash)",
        "CREATE INDEX documents_status ON documents (status)",
        ACTORS,
        "CREATE INDEX actors_code ON actors (code)",
        EVENTS,
        "CREATE INDEX events_day ON events (day)",
        "CREATE INDEX events_root ON events (root, day)",
        "CREATE INDEX events_source_code ON events (source_code, day)",
        "CREATE INDEX events_target_code ON events (target_code, day)",
        STATEMENTS,
    ],
    # 1 -> 2: actor references keep the whole argument phrase they were found in
    [
        "ALTER TABLE events ADD COLUMN source_phrase_start INTEGER",
        "ALTER TABLE events ADD COLUMN source_phrase_end INTEGER",
        "ALTER TABLE events ADD COLUMN target_phrase_start INTEGER",
        "ALTER TABLE events ADD COLUMN target_phrase_end INTEGER",
        "ALTER TABLE statements ADD COLUMN speaker_phrase_start INTEGER",
        "ALTER TABLE statements ADD COLUMN speaker_phrase_end INTEGER",
    ],
    # 2 -> 3: document texts with a full-text index, and the framing register
    [
        TEXTS,
        NAMES,
        "CREATE INDEX names_actor_code ON names (actor_code)",
        "CREATE INDEX names_speaker_code ON names (speaker_code)",
        {"sqlite": SEARCH_SQLITE, "postgresql": SEARCH_POSTGRES},
    ],
    # 3 -> 4: places with coordinates (store/geo.py) and cross-article event clusters (store/clusters.py)
    GEO_STEP + CLUSTER_STEP,
    # 4 -> 5: how an actor's country was found (text, sentence, dateline, document)
    [
        "ALTER TABLE actors ADD COLUMN country_from TEXT",
    ],
]

LATEST = len(MIGRATIONS)


class SchemaError(RuntimeError):
    pass


def version(backend: Backend) -> int:
    if not backend.table_exists("schema_version"):
        return 0
    rows = backend.query("SELECT MAX(version) FROM schema_version")
    return int(rows[0][0] or 0)


def migrate(backend: Backend) -> int:
    """Bring the store to the latest schema, one transaction per step; returns the version."""
    with backend.transaction():
        backend.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT)")
    current = version(backend)
    if current > LATEST:
        raise SchemaError(f"the store has schema version {current}, newer than this tacitus ({LATEST}); upgrade tacitus")
    for step in range(current, LATEST):
        with backend.transaction():
            for sql in MIGRATIONS[step]:
                for statement in [sql] if isinstance(sql, str) else sql[backend.name]:
                    backend.execute(statement)
            backend.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, CURRENT_TIMESTAMP)", (step + 1,))
    return LATEST
