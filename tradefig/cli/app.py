"""The ``tradefig`` command. Every command mirrors an API call; data goes to stdout,
diagnostics to stderr; exit codes: 0 ok, 1 some inputs failed or check failed, 2 usage."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from tradefig import __version__
from tradefig.cli import check as check_command
from tradefig.cli import explain as explain_command
from tradefig.cli import extract as extract_command
from tradefig.cli import report as report_command
from tradefig.errors import TradefigError

app = typer.Typer(
    name="tradefig",
    help="Extract bilateral trade observations (who trades with whom, which flow, how much, "
    "when) from raw text into a tidy table.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tradefig {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """tradefig: bilateral trade figures from news and reports, as a table."""


app.command("extract", help=extract_command.HELP)(extract_command.extract)
app.command("mentions", help=extract_command.MENTIONS_HELP)(extract_command.mentions)
app.command("explain", help=explain_command.HELP)(explain_command.explain)
app.command("check", help=check_command.HELP)(check_command.check)
app.command("report", help=report_command.HELP)(report_command.report)


def main() -> None:
    """Entry point: never a traceback for the user (``--debug`` shows it)."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        app()
    except TradefigError as error:
        typer.echo(f"tradefig: {error}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except KeyboardInterrupt:
        typer.echo("tradefig: interrupted", err=True)
        sys.exit(130)
    except Exception as error:
        if debug:
            raise
        typer.echo(f"tradefig: unexpected error: {error!r} (run with --debug for the traceback)", err=True)
        sys.exit(70)


def _quiet_broken_pipe() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)
