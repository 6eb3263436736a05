"""The command-line face: parse arguments, call one library function, print.

Logging is configured here and nowhere else. Every error becomes one line on stderr and
an exit code (``cli_support``): 0 all stored, 1 some skipped, 2 none stored, 3 a usage or
configuration error, 4 a run aborted by the system. Text from the inputs is printed
through ``safe`` (markup escaped, control characters made visible).
"""

from __future__ import annotations

import json
import logging
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ._version import __version__
from .api import RunReport, analyze, count_inputs
from .cli_support import EXIT_HELP, CliGroup, os_error, safe
from .errors import EXIT_USAGE, ConfigError
from .model import Skipped
from .settings import Settings, load_settings
from .store import is_url

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, cls=CliGroup,
                  help="Attributed, dated, geocoded records from conflict news.", epilog=EXIT_HELP)
out = Console()
err = Console(stderr=True)

DEFAULT_DATA = Path("../shared/data")
DB_HELP = "SQLite database file, or postgresql://user@host:port/db"


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(message)s", handlers=[RichHandler(console=err, show_path=False)],
                        force=True)


ConfigOpt = Annotated[Path | None, typer.Option("--config", help="settings TOML file")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar or summary")]
VerboseOpt = Annotated[int, typer.Option("--verbose", "-v", count=True, help="more log output")]


def _require_db(db: str) -> None:
    """Exit 3 with one line when a database file does not exist (URLs are checked on connect)."""
    if not is_url(db) and not Path(db).exists():
        err.print(f"[red]error (store):[/] no database at {safe(db)}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)


def _settings(config: Path | None, **overrides: object) -> Settings:
    return load_settings(config, **overrides)


def _run_analyze(paths: list[str], db: Path | str, settings: Settings, quiet: bool, **engine: object) -> RunReport:
    def note_skip(result: object) -> None:
        if isinstance(result, Skipped):
            err.print(f"[yellow]skipped[/] {safe(result.source)} [dim]({safe(result.code)})[/]: "
                      f"{safe(result.reason)}", highlight=False, soft_wrap=True)

    if quiet:
        return analyze(paths, db, settings, progress=note_skip, **engine)  # type: ignore[arg-type]
    columns = [TextColumn("[bold]analyze"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("analyze", total=count_inputs(paths))

        def step(result: object) -> None:
            note_skip(result)
            bar.advance(task)

        report = analyze(paths, db, settings, progress=step, **engine)  # type: ignore[arg-type]
    out.print(f"[green]{report.stored}[/] stored, {report.unchanged} unchanged, "
              f"[yellow]{len(report.skipped)}[/] skipped -> {safe(db)}", highlight=False)
    return report


@app.command("analyze")
def analyze_cmd(
    paths: Annotated[list[str], typer.Argument(help="files, directories, globs, or - for stdin")],
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = "conflictlens.db",
    workers: Annotated[int | None, typer.Option(help="worker processes")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local | dask")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler tcp://HOST:PORT "
                                                  "(default: a local cluster of --workers processes)")] = None,
    parquet: Annotated[Path | None, typer.Option("--parquet", help="write a Parquet dataset here (dask)")] = None,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", help="skip larger files")] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline name")] = None,
    reprocess: Annotated[bool, typer.Option("--reprocess", help="process every input again and replace "
                                            "its stored article (default: only inputs that are new or "
                                            "were stored with another configuration)")] = False,
    config: ConfigOpt = None, quiet: QuietOpt = False, verbose: VerboseOpt = 0,
) -> None:
    """Read articles, extract everything, store it in the database.

    Exit codes: 0 all stored, 1 some skipped, 2 none stored, 3 usage or configuration error,
    4 run aborted by the system (disk full, database unreachable, killed).
    """
    _setup_logging(verbose, quiet)
    if engine == "dask" and workers is None and scheduler is None:
        workers = 2
    settings = _settings(config, workers=workers, max_bytes=max_bytes, spacy_model=model)
    report = _run_analyze(paths, db, settings, quiet, engine=engine, scheduler=scheduler, parquet=parquet,
                          reprocess=reprocess)
    raise typer.Exit(report.exit_code)


@app.command("export")
def export_cmd(
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = "conflictlens.db",
    fmt: Annotated[str, typer.Option("--format", help="json | acled-csv | parquet")] = "json",
    output: Annotated[str, typer.Option("--output", "-o", help="file, or - for stdout (parquet: a folder)")] = "-",
    quiet: QuietOpt = False,
) -> None:
    """Write the stored record: the JSON export contract, or CSV with ACLED's columns."""
    _setup_logging(0, quiet)
    from .export import FORMATS

    if fmt not in FORMATS:
        err.print(f"[red]error (usage):[/] unsupported format {safe(repr(fmt))} (available: {', '.join(FORMATS)})",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    _require_db(db)
    if output != "-" and fmt != "parquet" and Path(output).is_dir():
        raise ConfigError(f"cannot write the export to {output}: it is a folder", hint="give -o a file name")
    try:
        counts = FORMATS[fmt](db, sys.stdout if output == "-" else output)
    except OSError as exc:
        raise os_error(exc, f"cannot write the export to {output}") from exc
    if output != "-" and not quiet:
        out.print(", ".join(f"{v} {k}" for k, v in counts.items()) + f" -> {safe(output)}", highlight=False)


@app.command("crossdoc")
def crossdoc_cmd(
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = "conflictlens.db",
    quiet: QuietOpt = False,
) -> None:
    """Link the events of articles stored since the last pass (incremental); export reads the links."""
    _setup_logging(0, quiet)
    from .crossdoc.incremental import link_new
    from .store import open_store

    _require_db(db)
    with open_store(db) as store:
        stats = link_new(store)
    if not quiet:
        out.print(f"{stats['articles']} new articles linked: {stats['events']} events, {stats['links']} links",
                  highlight=False)


@app.command("demo")
def demo_cmd(
    out_dir: Annotated[Path, typer.Option("--out", help="output folder")] = Path("demo-output"),
    config: ConfigOpt = None, quiet: QuietOpt = False, verbose: VerboseOpt = 0,
) -> None:
    """Analyse the bundled (fictional) demo corpus: database, JSON export and summary."""
    _setup_logging(verbose, quiet)
    from .export import export_json

    demo = resources.files("conflictlens").joinpath("demo")
    db = out_dir / "conflictlens.db"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, f"cannot create the demo folder {out_dir}") from exc
    with resources.as_file(demo) as path:
        # The demo's invented places come from its own small gazetteer file.
        settings = _settings(config, gazetteer_files=str(path / "gazetteer.tsv"))
        report = _run_analyze([str(path / "corpus")], db, settings, quiet)
    export = out_dir / "export.json"
    export_json(db, export)
    from .report import write_report

    write_report(db, out_dir / "report.html")
    if not quiet:
        _print_articles(export)
        out.print(f"database: {safe(db)}\nexport:   {safe(export)}\nreport:   {safe(out_dir / 'report.html')}\n"
                  "[dim]The demo corpus is fictional: "
                  "invented countries, people, places and outlets.[/]", highlight=False)
    raise typer.Exit(report.exit_code)


def _print_articles(export: Path) -> None:
    data = json.loads(export.read_text(encoding="utf-8"))
    table = Table(title="articles", show_lines=False)
    for col in ("published", "outlet", "title", "author", "removed"):
        table.add_column(col, overflow="fold")
    for a in data["articles"]:
        pub = a["published"]
        when = f"{pub['date']} ({pub['provenance']})" if pub["date"] else "none"
        _row(table, when, a["outlet"] or "?", a["title"] or "?", a["author"] or "", str(len(a["removed"])))
    out.print(table)
    if data.get("clusters"):
        _print_clusters(data)
    if data.get("profiles"):
        _print_profiles(data)


def _row(table: Table, *cells: str) -> None:
    """A table row of text from the articles: markup escaped, control characters visible."""
    table.add_row(*(safe(c) for c in cells))


def _print_clusters(data: dict) -> None:
    """Events reported by several articles, with each claimant's figures side by side."""
    places = {p["id"]: p["name"] for p in data.get("places", [])}
    table = Table(title="event clusters (one row per real-world event; figures as claimed, never averaged)")
    for col in ("date", "place", "type", "outlets", "sides", "figures"):
        table.add_column(col, overflow="fold")
    for c in data["clusters"]:
        figures = "\n".join(
            f"{f['side'] or '?'} {f['claimed_by']['name']}: {f['best']} {f['kind']} ({f['victims']})"
            for f in c["casualty_figures"] if not f["cumulative"])
        start, end = c["date"]["start"], c["date"]["end"]
        day = start if start == end else f"{start}..{end}"
        _row(table, day, ", ".join(sorted({places.get(p, p) for p in c["place_ids"]})), c["type"],
                      ", ".join(c["outlets"]), ", ".join(c["sides"]) + (" (one side)" if c["one_sided"] else ""),
                      figures or "-")
    out.print(table)


def _print_profiles(data: dict) -> None:
    """Each side's framing: whose vocabulary its outlets use in their own voice, and names."""
    table = Table(title="framing by side (loaded terms in the outlets' own voice, per 1,000 words)")
    for col in ("side", "articles", "terms / 1,000 words", "whose vocabulary", "place names chosen",
                "top terms", "officials quoted"):
        table.add_column(col, overflow="fold")
    for p in data["profiles"]:
        if p["level"] != "side":
            continue
        rate = sum(p["own_terms_per_1000"].values())
        whose = ", ".join(f"{k} {v:.0%}" for k, v in p["own_perspective_share"].items()) or "-"
        names = ", ".join(f"{k} {v}" for k, v in p["contested_names"].items()) or "-"
        _row(table, p["name"], str(p["articles"]), f"{rate:.1f}", whose, names, ", ".join(p["top_terms"][:5]),
                      f"{p['official_quote_share']:.0%} of text")
    out.print(table)


@app.command("evaluate")
def evaluate_cmd(
    suite: Annotated[list[str], typer.Option("--suite", help="suite name, repeatable, or 'all'")],
    data: Annotated[Path, typer.Option("--data", help="evaluation data folder")] = DEFAULT_DATA,
    limit: Annotated[int | None, typer.Option(help="first N documents of each suite")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON instead of a table")] = False,
    write_doc: Annotated[Path | None, typer.Option("--write-doc", help="write a quality page")] = None,
    config: ConfigOpt = None, verbose: VerboseOpt = 0,
) -> None:
    """Score conflictlens against annotated data with each dataset's metric."""
    _setup_logging(verbose, False)
    from . import evaluate as ev

    names = list(ev.SUITES) if "all" in suite else suite
    unknown = [n for n in names if n not in ev.SUITES]
    if unknown:
        err.print(f"[red]error (usage):[/] unknown suite(s) {safe(', '.join(unknown))}; "
                  f"choose from {', '.join(ev.SUITES)}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    settings = _settings(config)
    results = [ev.run_suite(n, data, limit, settings) for n in names]
    if as_json:
        print(json.dumps([r.to_dict() for r in results], indent=2, sort_keys=True))
    else:
        ev.print_results(results, out)
    if write_doc:
        command = " ".join(["conflictlens evaluate", *(f"--suite {n}" for n in suite), f"--data {data}",
                            *([f"--limit {limit}"] if limit else []), f"--write-doc {write_doc}"])
        ev.write_quality_doc(results, write_doc, command=command)


@app.command("gate")
def gate_cmd(
    data: Annotated[Path, typer.Option("--data", help="evaluation data folder")] = DEFAULT_DATA,
    floors: Annotated[Path | None, typer.Option(help="floors TOML (default: the packaged one)")] = None,
    margin: Annotated[float | None, typer.Option(help="noise margin under each floor")] = None,
    config: ConfigOpt = None, verbose: VerboseOpt = 0,
) -> None:
    """Fail (exit 1) when any score drops below its pinned floor minus the margin."""
    _setup_logging(verbose, False)
    from . import evaluate as ev

    path = floors or Path(str(resources.files("conflictlens.evaluate").joinpath("floors.toml")))
    result = ev.run_gate(path, data, _settings(config), margin)
    table = Table(title="quality gate")
    for col in ("suite", "metric", "floor", "score", "ok"):
        table.add_column(col)
    for row in result.rows:
        score = "missing" if row.score is None else f"{row.score:.3f}"
        table.add_row(row.suite, row.metric, f"{row.floor:.3f}", score, "[green]ok[/]" if row.ok else "[red]BELOW[/]")
    out.print(table)
    for suite, message in result.errors.items():
        err.print(f"[red]{safe(suite)}[/]: {safe(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(0 if result.passed else 1)


gazetteer_app = typer.Typer(no_args_is_help=True, help="The offline gazetteer used by geocoding.")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("build")
def gazetteer_build_cmd(
    out_path: Annotated[Path | None, typer.Option("--out", help="file to write (default: the cache)")] = None,
    add: Annotated[list[Path] | None, typer.Option("--add", help="user gazetteer (TSV or GeoNames dump)")] = None,
    min_population: Annotated[int | None, typer.Option(help="smallest towns: 500, 1000, 5000, 15000")] = None,
    config: ConfigOpt = None, verbose: VerboseOpt = 0,
) -> None:
    """(Re)build the gazetteer from packaged GeoNames-derived data and your files."""
    _setup_logging(verbose, False)
    from .lang.gazetteer import build_gazetteer
    from .lang.gazetteer.gazetteer import default_path, gazetteer_options

    settings = _settings(config, geocode_min_population=min_population)
    _, files, population, cache_dir = gazetteer_options(settings)
    files = tuple(str(a) for a in add) if add else files
    target = out_path or default_path(cache_dir, population, files)
    stats = build_gazetteer(target, extra_files=files, min_population=population)
    counts = ", ".join(f"{k}={v}" for k, v in sorted(stats.items()) if k != "path")
    out.print(f"gazetteer: {stats['path']}\n{counts}", highlight=False, soft_wrap=True)


@app.command("report")
def report_cmd(
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = "conflictlens.db",
    output: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write")] = Path("report.html"),
    quiet: QuietOpt = False,
) -> None:
    """Write the offline report: one self-contained HTML file (no script, no network)."""
    _setup_logging(0, quiet)
    from .report import write_report

    _require_db(db)
    if output.is_dir():
        raise ConfigError(f"cannot write the report to {output}: it is a folder", hint="give -o a file name")
    try:
        counts = write_report(db, output)
    except OSError as exc:
        raise os_error(exc, f"cannot write the report to {output}") from exc
    if not quiet:
        out.print(f"{counts['articles']} articles, {counts['clusters']} clusters -> {safe(output)}",
                  highlight=False)


@app.command("serve")
def serve_cmd(
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = "conflictlens.db",
    host: Annotated[str, typer.Option("--host", help="address to bind (loopback by default)")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    token: Annotated[str | None, typer.Option("--token", envvar="CONFLICTLENS_TOKEN",
                                              help="enables write endpoints (Authorization: Bearer TOKEN)")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", metavar="NAME",
        help="a Host header name to accept besides loopback and --host (repeatable; '*' for any)")
    ] = None,
) -> None:
    """Serve the web app and JSON API (read-only unless a token is set)."""
    _require_db(db)
    import uvicorn

    from .web import create_app
    from .web.guards import LOOPBACK_HOSTS

    hosts = [*LOOPBACK_HOSTS, *(allow_host or [])]
    uvicorn.run(create_app(db, token=token, allowed_hosts=hosts, bind_host=host), host=host, port=port,
                log_level="info")


@app.command("version")
def version_cmd() -> None:
    """Print the version."""
    out.print(__version__)


def main() -> None:
    app()  # CliGroup turns every error into one line and an exit code


if __name__ == "__main__":
    main()
