#!/usr/bin/env python3
"""Per-rule precision and recall from shared/corpus/score.py.

usage: rule-score.py SENDGEN_BINARY CORPUS_DIR [RULE...]

score.py prints each rule's true positives, false positives and misses;
this turns them into precision and recall, for the rules named (all when
none is), so one rule can be measured alone (e.g. missing-provider).
"""
import os
import re
import subprocess
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, corpus, rules = sys.argv[1], sys.argv[2], set(sys.argv[3:])
    score = os.path.join(os.path.dirname(os.path.abspath(corpus)), "score.py")
    out = subprocess.run([sys.executable, score, binary, corpus], capture_output=True, text=True).stdout
    row = re.compile(r"^([a-z-]+)\s+(\d+)\s+(\d+)\s+(\d+)$")
    print(f"{'rule':26} {'precision':>9} {'recall':>7}   tp  fp  fn")
    for line in out.splitlines():
        m = row.match(line)
        if not m or (rules and m.group(1) not in rules):
            continue
        tp, fp, fn = (int(x) for x in m.groups()[1:])
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / (tp + fn) if tp + fn else float("nan")
        print(f"{m.group(1):26} {p:9.3f} {r:7.3f}  {tp:3} {fp:3} {fn:3}")


if __name__ == "__main__":
    main()
