"""Command line: thin wrappers over the API, one module per command."""
