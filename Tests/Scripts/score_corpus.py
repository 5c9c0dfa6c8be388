#!/usr/bin/env python3
"""Score `copydesk lint --format json` on the benchmark corpus against its planted manifest.

  python3 make_corpus.py --out /tmp/copydesk-bench            # the corpus (shared bench/)
  swift build -c release
  python3 Tests/Scripts/score_corpus.py /tmp/copydesk-bench --copydesk .build/release/copydesk
  python3 Tests/Scripts/score_corpus.py /tmp/copydesk-bench --lint-json lint.json   # saved output

Standard library only. For each planted kind it reports recall (planted items hit by a finding of
the rule(s) that cover the kind), and for each of those rules every finding is classed as:

  planted    on a planted item of a kind the rule covers
  natural    on an unplanted hit the generator's own scanners found (manifest "natural")
  spec       summary/missing on a .txt draft: every .txt draft has only the "No time to read?"
             teaser, which the SPEC says is not a summary, so the finding is mandated, not planted
  collateral navigation/* on a draft whose link a planted link problem broke as a side effect
  unplanted  claims/weasel, claims/statistic or style/wordy on a form the generator neither plants
             (and repetition/phrase on a repeat outside the generator's natural-repeat enumeration)
             nor scrubs from its source prose ("others say", "doubled", "record high", "a number
             of"): the manifest cannot decide these, so they are listed for review (--show) and
             reported apart
  fp-decoy   on a decoy that must not be flagged (sourced_number, named_attribution, ...)
  fp         anywhere else

A finding hits an item when it is in the same file, on the same line, and starts within
[col-3, col+len(text)+2] (code points), as in bench/score_peers.py. missing_summary is matched by
file, since the SPEC puts summary/missing on the title while the manifest records the summary line;
link kinds by line, with any navigation/* rule. The FP rate is (fp + fp-decoy) / the scored findings
the manifest decides (all but spec and unplanted); the rate counting unplanted as false is printed too.
claims/passive plants nothing of its own: it counts only on planted "it is widely believed" items and
on decoys; its other findings are listed with the unscored rules.
"""
import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

# Planted kind -> rules that report it. "navigation/*" matches any navigation rule.
KIND_RULES = {
    "weasel_attribution": {"claims/weasel"},
    "unsourced_number": {"claims/statistic"},
    "missing_summary": {"summary/missing"},
    "doubled_word": {"repetition/word"},
    "repeated_phrase": {"repetition/phrase"},
    "double_space": {"style/double-space"},
    "trailing_whitespace": {"style/trailing-space"},
    "wordy_phrase": {"style/wordy"},
    "link_dangling": {"navigation/*"},
    "link_non_reciprocal": {"navigation/*"},
    "link_self": {"navigation/*"},
}
# "it is widely believed" is a passive construction too; either rule may report it.
PASSIVE_WEASEL = "it is widely believed"
# Decoy kind -> rules that must stay silent on it.
DECOY_RULES = {
    "sourced_number": {"claims/statistic"},
    "named_attribution": {"claims/weasel", "claims/passive", "claims/vague-source"},
    "code_span": {"repetition/word", "repetition/phrase", "style/wordy", "style/double-space"},
    "legit_doubled_word": {"repetition/word"},
}
SCORED_RULES = set().union(*KIND_RULES.values())
# claims/passive plants nothing of its own: it is scored only where it lands on a planted
# "it is widely believed" (a hit) or on a decoy (a false positive); elsewhere it is an unscored rule.
PARTLY_SCORED_RULES = {"claims/passive"}

# The generator's own scanners (mirrored from bench/make_corpus.py, WEASEL_RE and STAT_RE): the forms it
# plants and scrubs from its source prose. A finding outside these forms that matches no planted item
# sits on prose the generator never cleaned of it, so the manifest cannot say whether it is right:
# it is classed "unplanted" and listed for review instead of being counted silently either way.
GENERATOR_FORMS = {
    "claims/weasel": re.compile(
        r"\b(?:analysts?|observers?|experts?|critics?|commentators?|pundits?|insiders?)\s+"
        r"(?:say|says|said|note|notes|noted|believe|believes|believed|argue|argues|argued|"
        r"suggest|suggests|suggested|claim|claims|claimed|warn|warns|warned|contend|contends|contended)\b"
        r"|\bit is (?:widely |generally |commonly )?(?:believed|thought|said|argued|felt|held)\b"
        r"|\b(?:some|many) (?:people )?(?:say|believe|argue|claim)\b", re.I),
    "style/wordy": re.compile(
        r"\b(?:in order to|at this point in time|due to the fact that|in the event that|for the purpose of)\b", re.I),
    "claims/statistic": re.compile(
        r"\$\s?\d[\d,.]*(?:\s+(?:million|billion|trillion))?"
        r"|\b\d[\d,.]*\s*(?:%|percent\b|per cent\b)"
        r"|\b\d[\d,.]*\s+(?:million|billion|trillion)\b", re.I),
}


def generator_stop_words():
    """The generator's stop-word list (bench/make_corpus.py STOPWORDS), read from the shared folder."""
    for candidate in (Path(__file__).resolve().parents[3] / "shared" / "bench" / "make_corpus.py",
                      Path(__file__).resolve().parents[2] / ".." / "shared" / "bench" / "make_corpus.py"):
        if candidate.exists():
            source = candidate.read_text(encoding="utf-8")
            block = source.split('STOPWORDS = set("""', 1)[1].split('""".split())', 1)[0]
            return set(block.split())
    return None


GENERATOR_STOPWORDS = generator_stop_words()


def generator_natural_phrase(message):
    """True when a repetition/phrase finding is of the kind the generator enumerates as "natural":
    used three or more times and holding a 4-word window with two or more non-stop words. Other
    repeats (three-word phrases, one content word, two close uses) are outside its enumeration."""
    if GENERATOR_STOPWORDS is None:
        return True
    match = re.match(r"“(.+?)” is used (\d+) times", message)
    if not match or int(match.group(2)) < 3:
        return False
    words = [w.lower().replace("’", "'") for w in re.findall(r"[A-Za-z0-9’']+", match.group(1))]
    return any(sum(1 for w in words[i:i + 4] if w not in GENERATOR_STOPWORDS) >= 2 for i in range(len(words) - 3))


def covers(rules, rule):
    return rule in rules or ("navigation/*" in rules and rule.startswith("navigation/"))


def is_scored(rule):
    return covers(SCORED_RULES, rule)


def positions(item):
    if item["kind"] == "repeated_phrase":
        return [(line, col, len(item.get("phrase", item.get("text", "")))) for line, col in item["occurrences"]]
    return [(item["line"], item["col"], max(1, len(item.get("text", ""))))]


def hits(item, finding):
    """True when a finding (line, column) lands on an item."""
    kind = item["kind"]
    if kind == "missing_summary":
        return True  # matched by file
    for line, col, length in positions(item):
        if finding["line"] != line:
            continue
        if kind.startswith("link_") or col - 3 <= finding["column"] <= col + length + 2:
            return True
    return False


def generator_form(rule, text, finding):
    """True when the generator's scanner for `rule` matches text overlapping the finding."""
    start = finding["column"] - 1
    end = finding["endColumn"] - 1 if finding["endLine"] == finding["line"] else len(text)
    return any(m.start() < max(end, start + 1) and m.end() > start for m in GENERATOR_FORMS[rule].finditer(text))


def item_rules(item):
    rules = set(KIND_RULES.get(item["kind"], ()))
    if item["kind"] == "weasel_attribution" and item.get("phrase") == PASSIVE_WEASEL:
        rules.add("claims/passive")
    return rules


def load_lint(args):
    if args.lint_json:
        return json.loads(Path(args.lint_json).read_text(encoding="utf-8"))
    drafts = str(Path(args.corpus) / "drafts")
    # The drafts folder is the corpus root, so previous/next references resolve among the drafts.
    command = [args.copydesk, "lint", drafts, "--root", drafts, "--format", "json", "--no-color"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} exited {result.returncode}:\n{result.stderr}")
    if args.save_json:
        Path(args.save_json).write_text(result.stdout, encoding="utf-8")
    return json.loads(result.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="folder made by make_corpus.py (holds manifest.json and drafts/)")
    source = ap.add_mutually_exclusive_group()
    source.add_argument("--copydesk", default=".build/release/copydesk", help="the binary to run (default %(default)s)")
    source.add_argument("--lint-json", help="read saved `copydesk lint --format json` output instead of running it")
    ap.add_argument("--save-json", help="also save the lint output here")
    ap.add_argument("--show", type=int, default=0, help="print up to N false positives per rule, with their line")
    ap.add_argument("--json", help="write the figures as JSON here")
    ap.add_argument("--rules", help="comma-separated rule id prefixes (claims/,summary/): total and rate only these")
    args = ap.parse_args()

    corpus = Path(args.corpus)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    lint = load_lint(args)

    # Findings by draft base name; the huge draft is scored separately by the generator's own notes.
    findings = defaultdict(list)
    for report in lint["files"]:
        name = Path(report["path"]).name
        for diagnostic in report["diagnostics"]:
            findings[name].append(diagnostic)
    files = {Path(f["file"]).name: f for f in manifest["files"] if not f.get("huge")}

    def by_file(items):
        grouped = defaultdict(list)
        for item in items:
            if not item["file"].startswith("huge/"):
                grouped[Path(item["file"]).name].append(item)
        return grouped

    problems = by_file(manifest["problems"])
    decoys = by_file(manifest["decoys"])
    naturals = by_file(manifest["natural"])
    collateral = set()
    for item in manifest["problems"]:
        for c in item.get("collateral", []):
            collateral.add(Path(c["file"]).name)
        if item.get("target_file"):
            collateral.add(Path(item["target_file"]).name)

    recall = defaultdict(lambda: {"n": 0, "hit": 0, "rules": Counter()})
    for name, items in problems.items():
        for item in items:
            entry = recall[item["kind"]]
            entry["n"] += 1
            fired = {d["rule"] for d in findings.get(name, []) if covers(item_rules(item), d["rule"]) and hits(item, d)}
            entry["hit"] += bool(fired)
            entry["rules"].update(fired)

    classes = defaultdict(Counter)
    unscored = Counter()
    examples = defaultdict(list)
    for name, diagnostics in findings.items():
        draft = files.get(name)
        if draft is None:
            continue
        lines = None
        for d in diagnostics:
            rule = d["rule"]
            if not is_scored(rule) and rule not in PARTLY_SCORED_RULES:
                unscored[rule] += 1
                continue
            if lines is None:
                lines = (corpus / draft["file"]).read_text(encoding="utf-8").split("\n")
            text = lines[d["line"] - 1] if d["line"] - 1 < len(lines) else ""
            if any(covers(item_rules(p), rule) and hits(p, d) for p in problems.get(name, [])):
                cls = "planted"
            elif any(rule in DECOY_RULES.get(x["kind"], ()) and hits(x, d) for x in decoys.get(name, [])):
                cls = "fp-decoy"
            elif rule in PARTLY_SCORED_RULES:
                unscored[rule] += 1
                continue
            elif any(covers(KIND_RULES.get(x["kind"], set()), rule) and hits(x, d) for x in naturals.get(name, [])):
                cls = "natural"
            elif rule == "summary/missing" and draft["format"] == "txt":
                cls = "spec"
            elif rule.startswith("navigation/") and name in collateral:
                cls = "collateral"
            elif rule in GENERATOR_FORMS and not generator_form(rule, text, d):
                cls = "unplanted"
            elif rule == "repetition/phrase" and not generator_natural_phrase(d["message"]):
                cls = "unplanted"
            else:
                cls = "fp"
            classes[rule][cls] += 1
            if (cls.startswith("fp") or cls == "unplanted") and len(examples.get((rule, cls), [])) < args.show:
                start = max(0, d["column"] - 40)
                examples[(rule, cls)].append(f"{name}:{d['line']}:{d['column']} [{cls}] {d['message']}\n      …{text[start:d['column'] + 60]}…")

    print(f"Corpus: {corpus} ({len(files)} drafts); findings: {sum(len(v) for v in findings.values())}")
    print()
    print(f"{'planted kind':22s} {'rules':34s} {'planted':>7s} {'hit':>5s} {'recall':>7s}  firing")
    for kind in KIND_RULES:
        entry = recall.get(kind, {"n": 0, "hit": 0, "rules": Counter()})
        rate = entry["hit"] / entry["n"] if entry["n"] else float("nan")
        rules = ", ".join(sorted(KIND_RULES[kind] | ({"claims/passive"} if kind == "weasel_attribution" else set())))
        firing = "; ".join(f"{r} {n}" for r, n in entry["rules"].most_common(3)) or "—"
        print(f"{kind:22s} {rules:34s} {entry['n']:7d} {entry['hit']:5d} {rate:7.3f}  {firing}")
    print()
    columns = ["planted", "natural", "spec", "collateral", "unplanted", "fp-decoy", "fp"]
    print(f"{'rule':26s} {'findings':>8s} " + " ".join(f"{c:>10s}" for c in columns))
    totals = Counter()
    prefixes = [p for p in (args.rules or "").split(",") if p]
    for rule in sorted(classes):
        counts = classes[rule]
        if not prefixes or any(rule.startswith(p) for p in prefixes):
            totals.update(counts)
        print(f"{rule:26s} {sum(counts.values()):8d} " + " ".join(f"{counts[c]:10d}" for c in columns))
    scored = sum(totals.values()) - totals["spec"]
    false = totals["fp"] + totals["fp-decoy"]
    decidable = scored - totals["unplanted"]
    rate = false / decidable if decidable else 0.0
    strict = (false + totals["unplanted"]) / scored if scored else 0.0
    label = "total " + ",".join(prefixes) if prefixes else "all scored rules"
    print(f"{label:26s} {sum(totals.values()):8d} " + " ".join(f"{totals[c]:10d}" for c in columns))
    print()
    print(f"False positives: {false} of {decidable} findings the manifest decides = {rate:.2%}")
    print(f"  spec-mandated summary/missing on .txt drafts (teaser only): {totals['spec']}, not counted")
    print(f"  unplanted forms the generator neither plants nor scrubs: {totals['unplanted']}; "
          f"counted as false too: {false + totals['unplanted']} of {scored} = {strict:.2%}")
    decoy_counts = Counter(x["kind"] for items in decoys.values() for x in items)
    decoy_hits = Counter()
    for name, items in decoys.items():
        for x in items:
            if any(d["rule"] in DECOY_RULES[x["kind"]] and hits(x, d) for d in findings.get(name, [])):
                decoy_hits[x["kind"]] += 1
    print("Decoys flagged: " + ", ".join(f"{k} {decoy_hits[k]}/{n}" for k, n in sorted(decoy_counts.items())))
    if unscored:
        print("Other rules (not scored against the manifest): " + ", ".join(f"{r} {n}" for r, n in sorted(unscored.items())))
    for (rule, cls), lines in sorted(examples.items()):
        print(f"\n{rule}: {cls}")
        for line in lines:
            print("  " + line)
    if args.json:
        out = {
            "recall": {k: {"planted": v["n"], "hit": v["hit"], "recall": round(v["hit"] / v["n"], 4) if v["n"] else None}
                       for k, v in recall.items()},
            "rules": {r: dict(c) for r, c in classes.items()},
            "false_positive_rate": round(rate, 4),
            "false_positive_rate_counting_unplanted": round(strict, 4),
            "unscored": dict(unscored),
        }
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
