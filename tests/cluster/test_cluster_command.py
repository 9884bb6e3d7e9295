"""`runner.py cluster status`: every node Synced in a cluster of three, with its URL."""

from __future__ import annotations

import re

from sims.cli import main


def test_status_shows_three_synced_nodes_each_with_a_database_url(cluster, capsys) -> None:
    assert main(["cluster", "status"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [re.sub(r"pid \d+", "pid N", re.sub(r":\d+/", ":PORT/", line)) for line in lines] == [
        f"node {n}: Synced, cluster size 3, pid N  "
        "DATABASE_URL=mysql+pymysql://root@127.0.0.1:PORT/sims"
        for n in (1, 2, 3)
    ]
