"""The ``tradefig`` command. Every command mirrors an API call; data goes to stdout,
diagnostics to stderr; exit codes: 0 ok, 1 some inputs failed or check failed, 2 usage."""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
from typing import Annotated

import typer

from tradefig import __version__
from tradefig.cli import check as check_command
from tradefig.cli import explain as explain_command
from tradefig.cli import extract as extract_command
from tradefig.cli import report as report_command
from tradefig.errors import DEBUG_ENV, TradefigError, debugging

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
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show the traceback of an unexpected error (also after a command)."),
    ] = False,
) -> None:
    """tradefig: bilateral trade figures from news and reports, as a table."""
    if debug:  # main() takes --debug out of argv first; this is for `app` called directly
        os.environ[DEBUG_ENV] = "1"


app.command("extract", help=extract_command.HELP)(extract_command.extract)
app.command("mentions", help=extract_command.MENTIONS_HELP)(extract_command.mentions)
app.command("explain", help=explain_command.HELP)(explain_command.explain)
app.command("check", help=check_command.HELP)(check_command.check)
app.command("report", help=report_command.HELP)(report_command.report)


def main() -> None:
    """Entry point: never a traceback for the user (``--debug`` shows it).

    Expected failures (``TradefigError``) print one line and end with their exit code; an
    unexpected exception prints one line naming it and ends with 70, or its traceback under
    ``--debug``. A closed pipe (``| head``) ends the program quietly with 0.
    """
    debug = _take_debug_flag(sys.argv)
    if debug:
        os.environ[DEBUG_ENV] = "1"  # worker processes inherit it
    _default_signals()
    try:
        app()
    except SystemExit as exit_:
        if isinstance(exit_.__context__, BrokenPipeError):  # typer quietened a closed stdout
            sys.exit(0)
        raise
    except TradefigError as error:
        typer.echo(f"tradefig: {error}", err=True)
        sys.exit(error.exit_code)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except KeyboardInterrupt:
        typer.echo("tradefig: interrupted", err=True)
        sys.exit(130)
    except Exception as error:
        if debugging():
            raise
        where = f" ({', '.join(error.__notes__)})" if getattr(error, "__notes__", None) else ""
        typer.echo(f"tradefig: unexpected error{where}: {error!r} (a bug: --debug shows the traceback)", err=True)
        sys.exit(70)


def run() -> None:
    """The console script and ``python -m tradefig``: ``main``, then end the process at once.

    An interpreter that tears itself down frees every pattern and vocabulary object one by
    one: about 35 ms, a sixth of a short article's whole run. Once the output is flushed and
    the exit handlers have run, nothing is left to do, so the process leaves with ``os._exit``.
    With another thread still running (a Dask client), the normal shutdown joins it instead.
    """
    try:
        main()
        code = 0
    except SystemExit as exit_:
        if not isinstance(exit_.code, int | None):
            raise  # a message to print: the normal exit prints it
        code = exit_.code or 0
    if threading.active_count() > 1:
        sys.exit(code)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except OSError:
        sys.exit(code)  # let the normal shutdown report it
    sys.stderr.flush()
    atexit._run_exitfuncs()
    os._exit(code)


def _take_debug_flag(argv: list[str]) -> bool:
    """Remove ``--debug`` from anywhere before ``--``, so it works after a command too."""
    end = argv.index("--") if "--" in argv else len(argv)
    if "--debug" not in argv[1:end]:
        return debugging()
    argv.remove("--debug")
    return True


def _default_signals() -> None:
    """SIGTERM unwinds like Ctrl-C, so a half-written ``-o`` temporary file is removed and
    the previous output stays."""
    signal.signal(signal.SIGTERM, _terminate)


def _terminate(signum: int, frame: object) -> None:
    del frame
    sys.exit(128 + signum)


def _quiet_broken_pipe() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)
