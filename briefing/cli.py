"""Command line: parse options, call the build, map errors to exit codes. No logic here.

Heavy modules are imported inside the commands so that ``--help`` and a no-op
build stay fast.
"""
from __future__ import annotations

import logging
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


def _options(seeds, out, templates, force=False):
    from briefing.build import Options
    from briefing.config import load_settings

    settings = load_settings(Path("briefing.toml"))
    seeds = Path(seeds) if seeds else Path(settings.get("seeds", "seeds"))
    out = Path(out) if out else Path(settings.get("out", "out/briefing.pdf"))
    if templates is None and Path("templates").is_dir():
        templates = "templates"
    return Options(seeds=seeds, out=out, templates=Path(templates) if templates else None, force=force,
                   settings=settings)


_seeds = click.option("--seeds", type=click.Path(file_okay=False), help="Folder of source articles [./seeds].")
_out = click.option("--out", type=click.Path(dir_okay=False), help="PDF to write [./out/briefing.pdf].")
_templates = click.option("--templates", type=click.Path(file_okay=False, exists=True),
                          help="Templates folder [./templates if present, else the built-in ones].")


@main.command()
@_seeds
@_out
@_templates
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed.")
def build(seeds, out, templates, force):
    """Build the briefing PDF from the seeds folder."""
    from briefing.build import build as run

    options = _options(seeds, out, templates, force)
    briefing = run(options)
    click.echo(f"wrote {options.out} ({len(briefing.documents)} sources)", err=True)


@main.command()
@_seeds
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
def extract(seeds, fmt):
    """Print the extracts as JSON (everything) or CSV (the trade table)."""
    from briefing.build import collect
    from briefing.export import to_csv, to_json

    briefing = collect(_options(seeds, None, None))
    click.echo(to_json(briefing) if fmt == "json" else to_csv(briefing), nl=False)
