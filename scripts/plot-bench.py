#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Plots the sweeps of bench/sweep.sh and prints the table of bench/table.sh as Markdown
(docs/performance.md).

Usage:
  scripts/plot-bench.py --out docs/performance --sweep before=DIR --sweep after=DIR
  scripts/plot-bench.py --table before=DIR --table after=DIR

Each DIR holds one sub-directory per run with the run.json of bench/run.sh. The bare
reference is taken from the first DIR that has it. Needs python3-matplotlib (Debian).
"""
import argparse
import json
import os
import sys


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def points(directory, prefix):
    """{load: run.json} of the runs named PREFIX-<load> in DIRECTORY."""
    found = {}
    if not os.path.isdir(directory):
        return found
    for name in os.listdir(directory):
        if not name.startswith(prefix + "-"):
            continue
        try:
            x = float(name[len(prefix) + 1:])
        except ValueError:
            continue
        run = load(os.path.join(directory, name, "run.json"))
        if run:
            found[x] = run
    return dict(sorted(found.items()))


def labelled(pairs):
    out = []
    for pair in pairs or []:
        label, _, directory = pair.partition("=")
        if not directory:
            sys.exit(f"plot-bench: expected LABEL=DIR, got {pair!r}")
        out.append((label, directory))
    return out


COLOURS = ["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple"]


def plot_sweeps(sweeps, out):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(out, exist_ok=True)

    # Enter latency against offered enters a second.
    fig, ax = plt.subplots(figsize=(8, 5))
    for i, (label, directory) in enumerate(sweeps):
        runs = points(directory, "enter")
        xs, p50, p99, late = [], [], [], []
        for x, run in runs.items():
            r = run.get("roomgate") or {}
            lat = r.get("latency") or {}
            if not lat.get("count"):
                continue
            xs.append(x)
            p50.append(lat["p50"])
            p99.append(lat["p99"])
            late.append(r.get("timeouts", 0) + r.get("failed", 0) > 0)
        if not xs:
            continue
        colour = COLOURS[i % len(COLOURS)]
        ax.plot(xs, p50, "-", marker="o", color=colour, label=f"Roomgate {label}, p50")
        ax.plot(xs, p99, "--", marker="^", color=colour, label=f"Roomgate {label}, p99")
        for x, y, bad in zip(xs, p99, late):
            if bad:
                ax.annotate("timeouts", (x, y), textcoords="offset points", xytext=(4, 6),
                            fontsize=8, color="red")
    ax.set_yscale("log")
    ax.set_xlabel("offered enters a second (open loop)")
    ax.set_ylabel("enter latency, due → joined (ms)")
    ax.set_title("enter (reserve → claim → leave): latency against offered load")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "enter-latency.png"), dpi=100)
    plt.close(fig)

    # Fan-out delivery latency against offered deliveries a second.
    fig, ax = plt.subplots(figsize=(8, 5))
    bare_done = False
    for i, (label, directory) in enumerate(sweeps):
        runs = points(directory, "fanout")
        for target in ("bare", "roomgate"):
            if target == "bare" and bare_done:
                continue
            xs, p50, p99 = [], [], []
            for x, run in runs.items():
                r = run.get(target) or {}
                lat = r.get("latency") or {}
                if lat.get("count"):
                    xs.append(x / 1000)
                    p50.append(lat["p50"])
                    p99.append(lat["p99"])
            if not xs:
                continue
            name = "bare Qt" if target == "bare" else f"Roomgate {label}"
            colour = "grey" if target == "bare" else COLOURS[i % len(COLOURS)]
            ax.plot(xs, p50, "-", marker="o", color=colour, label=f"{name}, p50")
            ax.plot(xs, p99, "--", marker="^", color=colour, label=f"{name}, p99")
            if target == "bare":
                bare_done = True
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("offered deliveries a second (thousands; 100 members, 10 senders)")
    ax.set_ylabel("delivery latency (ms)")
    ax.set_title("fan-out: delivery latency against offered load")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "fanout-latency.png"), dpi=100)
    plt.close(fig)

    # Server RSS against joined members: all in one room, and in rooms of 100.
    fig, ax = plt.subplots(figsize=(8, 5))
    bare_done = False
    for i, (label, directory) in enumerate(sweeps):
        for prefix, how, style in (("idle", "one room", "-"), ("idle100", "rooms of 100", ":")):
            runs = points(directory, prefix)
            for target in ("bare", "roomgate"):
                if target == "bare" and (bare_done or prefix != "idle"):
                    continue
                xs, grown = [], []
                for x, run in runs.items():
                    r = run.get(target) or {}
                    if "rssAfterKiB" in r and "rssBeforeKiB" in r:
                        xs.append(x)
                        grown.append((r["rssAfterKiB"] - r["rssBeforeKiB"]) / 1024)
                if not xs:
                    continue
                if target == "bare":
                    name, colour = "bare Qt WebSocket server", "grey"
                else:
                    name, colour = f"Roomgate {label}, {how}", COLOURS[i % len(COLOURS)]
                ax.plot(xs, grown, style, marker="o", color=colour, label=name)
        bare_done = bare_done or any(
            (run.get("bare") or {}).get("rssAfterKiB") for run in points(directory, "idle").values())
    ax.set_xlabel("joined members (held idle)")
    ax.set_ylabel("server RSS growth over the empty server (MiB)")
    ax.set_title("idle: server memory against members")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "idle-rss.png"), dpi=100)
    plt.close(fig)


def ms(v):
    return f"{v:.1f}" if v >= 10 else f"{v:.2f}"


def cell(row, run, target):
    r = (run or {}).get(target)
    if not r:
        return "—"
    load = (r.get("machine") or {}).get("loadAverageStart") or [0]
    suffix = f" (load {load[0]:.1f})"
    if not r.get("completed"):
        return f"did not complete: {r.get('failure', '?')}{suffix}"
    lat = r.get("latency") or {}
    errors = r.get("errorCount", 0)
    err = f", {errors} errors" if errors else ""
    if row == "reserve":
        return (f"{r['requestsPerSecond']:.0f} req/s, p50 {ms(lat['p50'])} ms, "
                f"p99 {ms(lat['p99'])} ms{err}{suffix}")
    if row == "enter":
        return (f"{r['enteredPerSecond']:.0f} entered/s of {r['offeredPerSecond']:.0f}, "
                f"{r['timeouts']} timeouts, {r['failed']} failed, p50 {ms(lat.get('p50', 0))} ms, "
                f"p99 {ms(lat.get('p99', 0))} ms{suffix}")
    if row == "stalled":
        rss = r.get("serverRssKiB") or {}
        ends = ", ".join(f"{code} {n}" for code, n in (r.get("stalledEnds") or {}).items())
        return (f"RSS +{rss.get('growth', 0) / 1024:.1f} MiB at peak, the reader "
                f"{'ended: ' + ends if ends else 'still in'}; the others "
                f"{r['deliveriesPerSecond'] / 1000:.0f}k deliveries/s, "
                f"{r.get('lostDeliveries', 0)} lost{err}{suffix}")
    if row.startswith("fanout"):
        return (f"{r['deliveriesPerSecond'] / 1000:.0f}k deliveries/s, "
                f"p50 {ms(lat['p50'])} ms, p99 {ms(lat['p99'])} ms{err}{suffix}")
    if row == "storm":
        return (f"all {r['answered']} answered in {r['allAnsweredMs'] / 1000:.2f} s, "
                f"{r['admitted']} in of {r['capacity']}, p50 {ms(lat['p50'])} ms{err}{suffix}")
    if row == "idle":
        return (f"{r.get('perMemberKiB', '?')} KiB per member ({r['members']} members)"
                f"{suffix}")
    if row == "mixed":
        rss = r.get("rssAfterWarmup") or {}
        return (f"RSS within ±{rss.get('maxDeviationPercent', '?')} % after "
                f"{rss.get('fromSecond', '?')} s ({rss.get('meanKiB', 0) / 1024:.0f} MiB), "
                f"chat p99 {ms(r['chat']['latency']['p99'])} ms, churn p99 "
                f"{ms(r['churn']['latency']['p99'])} ms, {errors} errors{suffix}")
    return "?"


ROWS = [
    ("reserve", "reserve + cancel, 32 HTTP clients"),
    ("enter", "enter (reserve → claim → leave), open loop 1000/s"),
    ("fanout-100k", "fan-out, 100 members, 100k deliveries/s offered"),
    ("fanout-capacity", "fan-out at capacity, 100 members"),
    ("stalled", "a member that never reads, room of 10, one sender at full speed, 20 s"),
    ("storm", "storm: 10,000 users on capacity 100"),
    ("idle", "idle joined member (1000 members)"),
    ("mixed", "mixed soak"),
]


def print_table(tables):
    labels = [label for label, _ in tables]
    print("| scenario | bare Qt stack | " + " | ".join(f"Roomgate {l}" for l in labels) + " |")
    print("|---|---|" + "---|" * len(labels))
    for row, title in ROWS:
        runs = [load(os.path.join(d, row, "run.json")) for _, d in tables]
        bare = next((cell(row, run, "bare") for run in runs if run and run.get("bare")), "—")
        print(f"| {title} | {bare} | "
              + " | ".join(cell(row, run, "roomgate") for run in runs) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="docs/performance", help="where the PNGs go")
    parser.add_argument("--sweep", action="append", metavar="LABEL=DIR")
    parser.add_argument("--table", action="append", metavar="LABEL=DIR")
    args = parser.parse_args()
    if not args.sweep and not args.table:
        parser.error("give --sweep or --table")
    if args.sweep:
        plot_sweeps(labelled(args.sweep), args.out)
    if args.table:
        print_table(labelled(args.table))


if __name__ == "__main__":
    main()
