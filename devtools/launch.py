"""A tiny launcher that runs one command and reports its wall time and peak memory.

    python -I -S devtools/launch.py REPORT_FILE COMMAND [ARG ...]

Why a launcher: Linux carries a parent's memory high-water mark into a child it starts (a child that
only runs `pass` can report the parent's 600 MB), so a command started straight from a big process
cannot be measured. This process starts small (no site packages, standard library only), forks the
command, and reads the peak memory of its waited-for child. It writes "seconds peak_kb exit_code" to
REPORT_FILE and exits with the command's status. The command's output goes where this one's does.

A command may fork helpers of its own (dmf build makes the workbooks in one), and the system reports
only the largest single process. So every few milliseconds, while the command has processes under it,
this also adds up their proportional memory (Pss: a page that a fork shares with its parent counts once,
split between them), and the peak is the larger of the two figures.
"""

import os
import resource
import sys
import time

SAMPLE_EVERY = 0.05  # seconds: reading a big process's Pss walks its page tables, so not too often


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass  # it has just ended
    return 0


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def tree_pss_kb(pid: int) -> int:
    """The proportional memory of pid and every process under it, added up; 0 while pid has none under it."""
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo += _children(p)
    return sum(_pss_kb(p) for p in tree) if len(tree) > 1 else 0  # one process: its own peak says it exactly


def main() -> int:
    report, argv = sys.argv[1], sys.argv[2:]
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    sampled = 0
    while True:
        done, status, _ = os.wait4(pid, os.WNOHANG)
        if done:
            break
        sampled = max(sampled, tree_pss_kb(pid))
        time.sleep(SAMPLE_EVERY)
    seconds = time.perf_counter() - started
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
    code = os.waitstatus_to_exitcode(status)
    with open(report, "w", encoding="ascii") as f:
        f.write(f"{seconds:.6f} {max(largest, sampled)} {code}\n")
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
