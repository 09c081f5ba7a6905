"""A tiny launcher that runs one command and reports its wall time and peak memory.

    python -I -S devtools/launch.py REPORT_FILE COMMAND [ARG ...]

Why a launcher: Linux carries a parent's memory high-water mark into a child it starts (a child that
only runs `pass` can report the parent's 600 MB), so a command started straight from a big process
cannot be measured. This process starts small (no site packages, standard library only), forks the
command, and reads the peak memory of its waited-for child. It writes "seconds peak_kb exit_code" to
REPORT_FILE and exits with the command's status. The command's output goes where this one's does.
"""

import os
import resource
import sys
import time


def main() -> int:
    report, argv = sys.argv[1], sys.argv[2:]
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, _ = os.wait4(pid, 0)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
    code = os.waitstatus_to_exitcode(status)
    with open(report, "w", encoding="ascii") as f:
        f.write(f"{seconds:.6f} {peak_kb} {code}\n")
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
