"""`make bench`, the child side for charts: how long one benchmark chart takes to draw.

    python -m devtools.bench_charts [CHARTS]

Draws CHARTS different charts (default 200) of 20 peer groups each, the size of the 1,000-question
case's largest, in this process, and prints the median time per chart in milliseconds over 5 runs as
JSON. Each chart differs in its title, so the charts' own memo never answers.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time

GROUPS, RUNS = 20, 5
LEVELS = [(1, "Beginning"), (2, "Emerging"), (3, "Developing"), (4, "Embedded"), (5, "Leading")]


def _rows(rng: random.Random) -> list:
    rows = []
    for g in range(GROUPS):
        if rng.random() < 0.15:
            rows.append((f"Peer group {g}: a longer label that has to wrap onto a second line", None))
            continue
        q1 = rng.randint(1, 4)
        med = rng.randint(q1, 5)
        rows.append((f"Peer group {g}", (q1, med, rng.randint(med, 5))))
    return rows


def main(argv: list[str]) -> int:
    from generator.site.charts import spread_svg

    charts = int(argv[0]) if argv else 200
    rng = random.Random(1)
    inputs = [_rows(rng) for _ in range(charts)]
    per_chart = []
    for run in range(RUNS):
        started = time.perf_counter()
        for i, rows in enumerate(inputs):
            spread_svg(f"Topic {i}, run {run}: spread of levels by peer group", rows, LEVELS, "Not shown")
        per_chart.append((time.perf_counter() - started) / charts * 1000)
    print(json.dumps({"ms_per_chart": statistics.median(per_chart), "charts": charts, "groups": GROUPS}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
