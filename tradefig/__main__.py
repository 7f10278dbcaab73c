"""``python -m tradefig`` runs the CLI."""

from tradefig.cli.app import run

run()
