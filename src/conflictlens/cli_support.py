"""What the CLI does around every command: turn any error into one line and an exit code,
and print user-supplied text (paths, URLs, titles, reasons) safely.

Exit codes (``errors.EXIT_*``): 0 every input stored, 1 some skipped, 2 none stored,
3 a usage or configuration error, 4 the run was aborted by the system (disk full,
database unreachable, killed). A traceback is printed only with ``-v``.
"""

from __future__ import annotations

import errno
import signal
import sqlite3
import sys
import traceback
from typing import Any

from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup
from typer.exceptions import Abort, Exit

try:  # typer >= 0.26 carries its own copy of click, whose exceptions the commands raise
    from typer import _click as click
except ImportError:  # pragma: no cover - older typer
    import click  # type: ignore[no-redef]

from .errors import EXIT_ABORTED, EXIT_OK, EXIT_USAGE, ConfigError, ConflictlensError, RunAborted
from .model.text import escape_surrogates

EXIT_HELP = ("Exit codes: 0 all stored, 1 some skipped, 2 none stored, 3 usage or configuration error, "
             "4 run aborted by the system (disk full, database unreachable, killed).")

# OSError numbers that mean the system, not the command line, is at fault.
SYSTEM_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.ENOMEM, errno.EPIPE}

err = Console(stderr=True)


def printable(text: object) -> str:
    """``text`` with control characters (terminal escapes) and lone surrogates (undecodable
    bytes in file names) replaced by visible ``\\xNN`` escapes."""
    text = escape_surrogates(str(text))
    if text.isprintable():
        return text
    return "".join(f"\\x{ord(ch):02x}" if ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 else ch for ch in text)


def safe(text: object) -> str:
    """``printable(text)`` with rich markup escaped, to put inside a markup string."""
    return escape(printable(text))


def os_error(exc: OSError, doing: str) -> ConflictlensError:
    """An OSError as one of ours: a full disk or an I/O failure aborts the run (exit 4);
    a path that is a folder, missing or not writable is a usage error (exit 3)."""
    where = f" {exc.filename}" if exc.filename and str(exc.filename) not in doing else ""
    reason = exc.strerror or str(exc) or type(exc).__name__
    message = f"{doing}{where}: {reason}"
    if exc.errno in SYSTEM_ERRNOS:
        return RunAborted(message)
    return ConfigError(message, hint="check the path: it must name a file in a folder that exists and is writable")


def describe(exc: BaseException) -> tuple[str, int]:
    """(one line, exit code) for an error that ended a command."""
    if isinstance(exc, OSError):
        exc = os_error(exc, "cannot read or write")
    if isinstance(exc, ConflictlensError):
        return f"error ({exc.code}): {exc}", exc.exit_code
    if isinstance(exc, click.ClickException):
        return f"error (usage): {exc.format_message()} (hint: see --help)", EXIT_USAGE
    if isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith("psycopg"):
        return f"error (store): the database failed: {exc}", EXIT_ABORTED
    return f"error (internal): {type(exc).__name__}: {exc} (run with -v for the traceback)", EXIT_ABORTED


def _verbose(args: list[str]) -> bool:
    return any(a == "--verbose" or (a.startswith("-v") and set(a[1:]) == {"v"}) for a in args)


def _on_sigterm(signum: int, frame: Any) -> None:
    raise RunAborted("killed (SIGTERM)")


class CliGroup(TyperGroup):
    """Runs a command and maps whatever ends it to one line on stderr and an exit code."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        previous = _install(signal.SIGTERM, _on_sigterm)
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
            code = EXIT_OK if code is None else int(code)
            if code == 130:  # typer's answer to Ctrl-C
                err.print("[red]error (aborted):[/] interrupted", highlight=False)
                code = EXIT_ABORTED
        except (Exit, SystemExit) as exc:
            code = int(getattr(exc, "exit_code", getattr(exc, "code", 0)) or 0)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
            code = EXIT_USAGE
        except Abort:
            err.print("[red]error (aborted):[/] interrupted", highlight=False)
            code = EXIT_ABORTED
        except Exception as exc:  # noqa: BLE001 - the one place errors become exit codes
            line, code = describe(exc)
            if _verbose(argv) and not isinstance(exc, click.ClickException):
                traceback.print_exception(exc, file=sys.stderr)
            err.print(f"[red]{safe(line.split(':', 1)[0])}:[/]{safe(line.split(':', 1)[1])}", highlight=False,
                      soft_wrap=True)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
        if standalone_mode:
            sys.exit(code)
        return code


def _install(signum: int, handler: Any) -> Any:
    """Set a signal handler from the main thread; None where that is not possible."""
    try:
        return signal.signal(signum, handler)
    except ValueError:  # not the main thread (a test runner's worker thread)
        return None


__all__ = ["EXIT_HELP", "CliGroup", "describe", "os_error", "printable", "safe"]
