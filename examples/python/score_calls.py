#!/usr/bin/env python3
# SPDX-License-Identifier: CC0-1.0
"""Score a JSON Lines file of call records and summarize checklist
compliance per agent.

Prints one line per agent (calls, mean score, automatic fails) and the
share of applicable checklist items each agent met, then draws the same
shares as a PNG bar chart with matplotlib. Without matplotlib the chart is
skipped with a message and everything else still runs.

Usage: score_calls.py CALLS.jsonl [--policy POLICY.json] [--chart compliance.png]
Run from a build tree with PYTHONPATH=<build>/bindings/python.
"""
import argparse
import collections
import sys

import fcr


class AgentSummary:
    """Running totals of one agent's scorecards."""

    def __init__(self):
        self.calls = 0
        self.score_total = 0.0
        self.scored = 0
        self.auto_fails = 0
        self.met = collections.Counter()
        self.applicable = collections.Counter()

    def add(self, card):
        self.calls += 1
        if card.scored:
            self.scored += 1
            self.score_total += card.score
        if card.auto_fail:
            self.auto_fails += 1
        for item in card:
            if item.result in ("met", "missed"):
                self.applicable[item.id] += 1
            if item.result == "met":
                self.met[item.id] += 1

    def mean_score(self):
        return self.score_total / self.scored if self.scored else None

    def compliance(self, item_id):
        """Percentage of calls where the item applied and was met, or None."""
        if not self.applicable[item_id]:
            return None
        return 100.0 * self.met[item_id] / self.applicable[item_id]


def summarize(path, policy):
    agents = collections.defaultdict(AgentSummary)
    skipped = []
    for card in fcr.score_file(path, policy=policy, on_error=skipped.append):
        agents[card.agent_id or "(no agent)"].add(card)
    for error in skipped:
        print(f"skipped: {error}", file=sys.stderr)
    return dict(sorted(agents.items())), len(skipped)


def print_summary(agents):
    print(f"{'agent':<12} {'calls':>5} {'mean score':>10} {'auto fails':>10}")
    for agent, summary in agents.items():
        mean = summary.mean_score()
        mean_text = f"{mean:.1f}" if mean is not None else "-"
        print(f"{agent:<12} {summary.calls:>5} {mean_text:>10} {summary.auto_fails:>10}")

    print()
    print("Checklist compliance (% of calls where the item applied and was met)")
    print(f"{'item':<40}" + "".join(f"{agent:>12}" for agent in agents))
    for item_id in fcr.item_ids():
        cells = []
        for summary in agents.values():
            share = summary.compliance(item_id)
            cells.append(f"{share:>11.0f}%" if share is not None else f"{'n/a':>12}")
        print(f"{fcr.item_title(item_id):<40}" + "".join(cells))


def draw_chart(agents, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as pyplot
    except ImportError:
        print(f"matplotlib is not installed; skipping the chart {path} "
              "(install python3-matplotlib to draw it)")
        return

    item_ids = fcr.item_ids()
    width = 0.8 / max(len(agents), 1)
    figure, axes = pyplot.subplots(figsize=(11, 5))
    for index, (agent, summary) in enumerate(agents.items()):
        shares = [summary.compliance(item_id) for item_id in item_ids]
        positions = [number + index * width for number in range(len(item_ids))]
        axes.bar(positions, [share if share is not None else 0 for share in shares],
                 width=width, label=agent)
    axes.set_xticks([number + 0.4 - width / 2 for number in range(len(item_ids))])
    axes.set_xticklabels([fcr.item_title(item_id) for item_id in item_ids],
                         rotation=30, ha="right", fontsize=8)
    axes.set_ylabel("calls where the item was met (%)")
    axes.set_ylim(0, 120)
    axes.set_title("FCR checklist compliance per item and agent")
    axes.legend(loc="upper center", ncol=len(agents))
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)
    print(f"chart written to {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("calls", help="JSON Lines file of fcr.call/1 records")
    parser.add_argument("--policy", help="fcr.policy/1 JSON file (default: built-in policy)")
    parser.add_argument("--chart", default="compliance.png", help="PNG file to write")
    arguments = parser.parse_args()

    policy = fcr.Policy.load_file(arguments.policy) if arguments.policy else None
    try:
        agents, skipped = summarize(arguments.calls, policy)
    except fcr.Error as error:
        print(f"score_calls: {error}", file=sys.stderr)
        return 1
    if not agents:
        print("score_calls: no call could be scored", file=sys.stderr)
        return 1

    print_summary(agents)
    print()
    draw_chart(agents, arguments.chart)
    return 1 if skipped else 0


if __name__ == "__main__":
    sys.exit(main())
