"""Readers (files, folders, stdin) and writers (csv, tsv, jsonl, parquet, table), atomic."""
