#!/usr/bin/env python3
"""Paired whole-process timings: run two or more commands interleaved, N times each.

    scripts/paired-runs.py N cmdA args -- cmdB args [-- cmdC args ...]
    scripts/paired-runs.py 100 ./old --help -- ./new --help -- ./hello

Each round runs every command once, in alternating order (forward, then backward), so
that a machine whose speed drifts (this project's is shared) slows every command alike;
hyperfine runs all of one command's runs before the next's, which on this machine moved
medians by a millisecond. A leading VAR=value sets an environment variable for that
command only. Prints, per command, the median and quartiles of wall time and of CPU
time (user + system, from wait4), the median number of minor page faults, and how many
runs finished within 15 ms and 5 ms (the issue-16 targets for one outcome form and
--help). The first three rounds are warm-up and not counted. Output goes to /dev/null.
"""
import os
import statistics
import sys
import time


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    n = int(sys.argv[1])
    cmds, cur = [], []
    for a in sys.argv[2:]:
        if a == "--":
            cmds.append(cur)
            cur = []
        else:
            cur.append(a)
    cmds.append(cur)
    if any(not c for c in cmds):
        sys.exit("paired-runs: an empty command")
    devnull = os.open(os.devnull, os.O_WRONLY)
    wall = [[] for _ in cmds]
    cpu = [[] for _ in cmds]
    faults = [[] for _ in cmds]
    for i in range(n + 3):
        order = range(len(cmds)) if i % 2 == 0 else reversed(range(len(cmds)))
        for k in order:
            env, argv = dict(os.environ), list(cmds[k])
            while "=" in argv[0] and not argv[0].startswith(("/", ".")):
                name, value = argv.pop(0).split("=", 1)
                env[name] = value
            t0 = time.perf_counter()
            pid = os.posix_spawnp(argv[0], argv, env,
                                  file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
            _, status, ru = os.wait4(pid, 0)
            t1 = time.perf_counter()
            if status != 0:
                sys.exit(f"paired-runs: {' '.join(cmds[k])} exited with status {status}")
            if i >= 3:
                wall[k].append((t1 - t0) * 1000)
                cpu[k].append((ru.ru_utime + ru.ru_stime) * 1000)
                faults[k].append(ru.ru_minflt)

    def quartiles(v):
        v = sorted(v)
        return v[len(v) // 4], statistics.median(v), v[3 * len(v) // 4]

    for k, c in enumerate(cmds):
        w, u = quartiles(wall[k]), quartiles(cpu[k])
        print(f"{' '.join(c)[:60]:60s} wall {w[1]:6.2f} ms [{w[0]:.2f}-{w[2]:.2f}]  "
              f"cpu {u[1]:6.2f} [{u[0]:.2f}-{u[2]:.2f}]  faults {statistics.median(faults[k]):.0f}  "
              f"<=15 ms: {sum(x <= 15 for x in wall[k])}/{n}  <=5 ms: {sum(x <= 5 for x in wall[k])}/{n}")


if __name__ == "__main__":
    main()
