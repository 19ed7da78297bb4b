"""Command line: parse options, call the build, map errors to exit codes. No logic here.

Heavy modules are imported inside the commands so that ``--help`` and a no-op
build stay fast.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from briefing import __version__

log = logging.getLogger("briefing")


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(message)s", stream=sys.stderr)
    log.setLevel(level)


class _Group(click.Group):
    """Print BriefingError as one line (exit 1) unless --debug asks for the traceback."""

    def invoke(self, ctx):
        from briefing.errors import BriefingError

        try:
            return super().invoke(ctx)
        except BriefingError as exc:
            if ctx.meta.get("debug"):
                raise
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:
            if ctx.meta.get("debug"):
                raise
            where = f": {exc.filename}" if exc.filename else ""
            click.echo(f"error: {exc.strerror or exc}{where}", err=True)
            ctx.exit(1)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="briefing")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.option("-v", "--verbose", count=True, help="Log each stage (-vv for more).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool, verbose: int, quiet: bool) -> None:
    """Turn a folder of source articles on two countries into a briefing PDF."""
    ctx.meta["debug"] = debug
    _setup_logging(verbose, quiet)
    from briefing import progress

    progress.enable(sys.stderr.isatty() and not quiet)


def run() -> None:
    """The ``briefing`` program: ``main``, then exit without tearing the interpreter down.

    Freeing every module and object one by one at exit costs a short build 5-20 ms
    (more with pandas and reportlab loaded); the operating system takes the memory
    back at once. Output is flushed and logging shut down first. Only when nothing is
    left to wait for (one thread, no child process); a traceback exits the usual way.
    """
    try:
        main()
    except SystemExit as exc:
        if not _may_end_now() or not (exc.code is None or isinstance(exc.code, int)):
            raise
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                raise exc from None  # let the usual exit report it
        os._exit(exc.code or 0)


def _may_end_now() -> bool:
    """No thread or child process that a normal exit would wait for or clean up."""
    import threading

    if threading.active_count() != 1:
        return False
    if "multiprocessing" in sys.modules:
        import multiprocessing

        return not multiprocessing.active_children()
    return True


def _options(seeds, out, templates, force=False, lock_timeout=300.0, local_templates=True):
    from briefing.build import load_options

    return load_options(Path("."), seeds, out, templates, force, lock_timeout, local_templates)


_seeds = click.option("--seeds", type=click.Path(file_okay=False), help="Folder of source articles [./seeds].")
_out = click.option("--out", type=click.Path(dir_okay=False), help="PDF to write [./out/briefing.pdf].")
_templates = click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True),
    help="Templates folder [./templates if present, else the built-in ones].",
)
_no_local = click.option(
    "--no-local-templates",
    "no_local",
    is_flag=True,
    help="Ignore ./templates (a folder you do not trust); use --templates or the built-in ones.",
)
_lock_timeout = click.option(
    "--lock-timeout",
    type=click.FloatRange(min=0, max=86400),
    default=300,
    show_default=True,
    metavar="SECONDS",
    help="Wait at most this long for another build of the same PDF, then exit 1.",
)


@main.command()
@_seeds
@_out
@_templates
@click.option("--force", is_flag=True, help="Rebuild and extract every document again, even when nothing changed.")
@_lock_timeout
@_no_local
def build(seeds, out, templates, force, lock_timeout, no_local):
    """Build the briefing PDF from the seeds folder (nothing to do when no input changed)."""
    from briefing.build import run

    options = _options(seeds, out, templates, force, lock_timeout, not no_local)
    outcome = run(options)
    if not log.isEnabledFor(logging.WARNING):  # -q: errors only, e.g. under cron
        return
    if outcome.briefing is None:
        click.echo(f"{options.out} is up to date", err=True)
    else:
        click.echo(f"wrote {options.out} ({len(outcome.briefing.documents)} sources; {outcome.reason})", err=True)


@main.command()
@_seeds
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option(
    "--changes-since",
    "since",
    type=click.Path(dir_okay=False),
    help="Add `changes` since the last build of this PDF to the JSON.",
)
@click.option("--explain", is_flag=True, help="Show how every money amount was read, or why it is not in the table.")
def extract(seeds, fmt, since, explain):
    """Print the extracts as JSON (everything) or CSV (the trade table)."""
    from briefing.build import collect, with_changes
    from briefing.export import explain as explained
    from briefing.export import to_csv, to_json

    briefing = collect(_options(seeds, None, None))
    if explain:
        click.echo(explained(briefing), nl=False)
        return
    if since:
        from briefing.cache import load_previous

        briefing = with_changes(briefing, load_previous(Path(since)))
    click.echo(to_json(briefing) if fmt == "json" else to_csv(briefing), nl=False)


def _loader(seeds, out, templates, lock_timeout=300.0, no_local=False):
    """Options read afresh for each build, so an edited briefing.toml applies to the next one."""
    return lambda: _options(seeds, out, templates, lock_timeout=lock_timeout, local_templates=not no_local)


@main.command()
@_seeds
@_out
@_templates
@_lock_timeout
@_no_local
def watch(seeds, out, templates, lock_timeout, no_local):
    """Build, then rebuild whenever a seed, a template or briefing.toml changes (Ctrl-C stops)."""
    import threading

    from briefing.errors import SourceError
    from briefing.watch import watch_loop

    load = _loader(seeds, out, templates, lock_timeout, no_local)
    options = load()
    if not options.seeds.is_dir():
        raise SourceError(f"seeds folder not found: {options.seeds}")
    click.echo(
        f"watching {options.seeds}"
        + (f", {options.templates}" if options.templates else "")
        + " and briefing.toml; Ctrl-C stops",
        err=True,
    )
    try:
        watch_loop(load, threading.Event(), config=Path("briefing.toml"))
    except KeyboardInterrupt:
        pass


@main.command()
@_seeds
@_out
@_templates
@click.option("--every", help="Interval: 30s, 15m, 2h, 1d.")
@click.option("--cron", "cron", help='Cron expression, e.g. "*/15 * * * *" (local time).')
@click.option("--max-runs", type=click.IntRange(min=1), hidden=True)
@_lock_timeout
@_no_local
def schedule(seeds, out, templates, every, cron, max_runs, lock_timeout, no_local):
    """Check on a schedule and rebuild when inputs changed; one log line per run."""
    import time

    from briefing.schedule import Cron, Every, parse_every, schedule_loop

    if bool(every) == bool(cron):
        raise click.UsageError("give exactly one of --every and --cron")
    try:
        plan = Every(parse_every(every), time.time()) if every else Cron(cron)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every" if every else "--cron") from None
    load = _loader(seeds, out, templates, lock_timeout, no_local)
    click.echo(f"checking {load().seeds} {plan}; Ctrl-C stops", err=True)
    try:
        schedule_loop(load, plan, max_runs=max_runs)
    except KeyboardInterrupt:
        pass


@main.command()
@click.argument("urls", nargs=-1, required=True)
@_seeds
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True, help="Seconds to wait.")
def add(urls, seeds, timeout):
    """Fetch web pages and save their HTML in the seeds folder, named from outlet, date and title."""
    from briefing.config import load_settings
    from briefing.fetch import FetchError
    from briefing.fetch import add as fetch_page

    folder = Path(seeds or load_settings(Path("briefing.toml")).seeds)
    failed = 0
    for url in urls:
        try:
            saved = fetch_page(url, folder, timeout=timeout)
        except FetchError as exc:
            click.echo(f"error: {exc}", err=True)
            failed += 1
            continue
        click.echo(f"{'saved' if saved.new else 'already saved'} {saved.path}  ({url})")
    if failed:
        raise SystemExit(1)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
def init(directory):
    """Create a ready briefing folder: seeds/, templates/, briefing.toml, out/."""
    from briefing.scaffold import init_project

    dest = Path(directory)
    created, kept = init_project(dest)
    for path in created:
        click.echo(f"created {path}", err=True)
    for path in kept:
        click.echo(f"kept existing {path}", err=True)
    click.echo(f"next: put articles in {dest / 'seeds'}, then run `briefing build` in {dest}", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--root",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False, exists=True),
    help="Folder holding seeds/, or subfolders that each do (one brief each).",
)
@click.option("--allow-upload", is_flag=True, help="Accept new sources by POST /<brief>/sources.")
@click.option(
    "--max-upload-mb",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Largest upload accepted, in MB.",
)
@click.option("--token", envvar="BRIEFING_TOKEN", help="Every request must carry it [env BRIEFING_TOKEN].")
def serve(host, port, root, allow_upload, max_upload_mb, token):
    """Serve each brief's PDF, rebuilt when asked for if its sources changed (Ctrl-C stops)."""
    from briefing.errors import BriefingError

    try:
        import python_multipart  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise BriefingError(
            f"`briefing serve` needs {exc.name or 'its dependencies'}: pip install 'briefing[serve]'"
        ) from None
    from briefing.serve import Config, bind_warning, is_loopback, run

    warning = bind_warning(host, token)
    if warning:
        click.echo(warning, err=True)
    config = Config(
        root=Path(root),
        allow_upload=allow_upload,
        max_upload=int(max_upload_mb * 1024 * 1024),
        token=token or None,
        loopback=is_loopback(host),
    )
    click.echo(f"serving the briefs in {Path(root).resolve()} on http://{host}:{port}/; Ctrl-C stops", err=True)
    run(config, host, port)
