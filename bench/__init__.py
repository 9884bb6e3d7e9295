"""Benchmarks, run by `make bench` (`python -m bench [NAME ...]`).

Each benchmark is a module here listed in `BENCHMARKS`, with a `TITLE` and a
`run(server_url) -> str` that measures on that server (in scratch databases of its own) and
returns a Markdown section: the rates it measured in this one run, and their ratios.
"""
