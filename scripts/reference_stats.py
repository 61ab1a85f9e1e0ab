#!/usr/bin/env python3
"""Reference values for Tests/TriageEvalTests/Statistics/*Tests.swift.

Run once (python3 scripts/reference_stats.py) and paste the printed values into the Swift tests.
Requires numpy, scipy, statsmodels (0.14+), scikit-learn (1.3+).
"""
import math

import numpy as np
import scipy
import scipy.stats
import scipy.spatial.distance
import sklearn
import statsmodels
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import proportion_confint

print(f"# numpy {np.__version__}, scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, sklearn {sklearn.__version__}")

print("\n## NormalDistribution: scipy.stats.norm.ppf / scipy.stats.norm.cdf")
for p in [1e-10, 0.001, 0.02425, 0.025, 0.1, 0.5, 0.8, 0.975, 0.99, 0.999999]:
    print(f"ppf({p!r}) = {float(scipy.stats.norm.ppf(p))!r}")
for x in [-6.0, -1.959963984540054, -1.0, 0.0, 0.5, 1.6448536269514722, 3.0]:
    print(f"cdf({x!r}) = {float(scipy.stats.norm.cdf(x))!r}")

print("\n## Wilson: statsmodels.stats.proportion.proportion_confint(k, n, alpha, method='wilson')")
for k, n, conf in [(0, 10, 0.95), (10, 10, 0.95), (7, 10, 0.95), (45, 50, 0.95), (1, 1000, 0.95),
                   (999, 1000, 0.95), (83, 90, 0.95), (83, 90, 0.90), (83, 90, 0.99)]:
    lo, hi = proportion_confint(k, n, alpha=1 - conf, method="wilson")
    print(f"({k}, {n}, {conf}, {float(lo)!r}, {float(hi)!r}),")

print("\n## McNemar: statsmodels mcnemar([[0, b], [c, 0]], exact=True).pvalue | scipy.stats.binomtest(min(b,c), b+c, 0.5).pvalue")
for b, c in [(0, 0), (5, 5), (0, 5), (3, 10), (10, 3), (1, 20), (40, 60), (500, 560), (20000, 20500),
             (499000, 501000), (499500, 500500), (0, 1000000)]:
    sm = mcnemar(np.array([[0, b], [c, 0]]), exact=True).pvalue
    try:
        sp = float(scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue)
    except ValueError as e:
        sp = f"n/a ({e})"
    print(f"({b}, {c}, {float(sm)!r}),  # scipy: {sp!r}")


def props(d, keys):
    total = sum(d.get(k, 0) for k in keys)
    return np.array([d.get(k, 0) / total if total > 0 else 0.0 for k in keys], dtype=float)


def psi(expected, actual, pseudocount=0.5):
    # numpy: PSI = sum((a - e) * ln(a / e)) on proportions of counts smoothed by +pseudocount per label on both sides
    keys = sorted(set(expected) | set(actual))
    if not keys:
        return 0.0
    ev = np.array([expected.get(k, 0) for k in keys], dtype=float)
    av = np.array([actual.get(k, 0) for k in keys], dtype=float)
    if ev.sum() == 0 and av.sum() == 0:
        return 0.0
    e = (ev + pseudocount) / (ev.sum() + pseudocount * len(keys))
    a = (av + pseudocount) / (av.sum() + pseudocount * len(keys))
    return float(np.sum((a - e) * np.log(a / e)))


def js(p, q):
    # scipy.spatial.distance.jensenshannon(p, q, base=2) ** 2
    keys = sorted(set(p) | set(q))
    pv = np.array([p.get(k, 0) for k in keys], dtype=float)
    qv = np.array([q.get(k, 0) for k in keys], dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(scipy.spatial.distance.jensenshannon(pv, qv, base=2) ** 2)


print("\n## Divergence: PSI via numpy (formula above, +0.5 per label), JS via scipy.spatial.distance.jensenshannon(p, q, base=2)**2")
cases = {
    "disjoint": ({"a": 10, "b": 5}, {"c": 7, "d": 3}),
    "oneEmptyBin": ({"a": 50, "b": 30, "c": 20}, {"a": 45, "b": 55}),
    "identical": ({"a": 3, "b": 7}, {"a": 30, "b": 70}),
    "actualEmpty": ({"a": 5, "b": 5}, {}),
    "general": ({"billing": 120, "bug": 80, "account": 50, "other": 10},
                {"billing": 100, "bug": 95, "account": 40, "other": 25}),
    # issue 9 point 5: 23 scenarios, two moved from one label to another (was 0.665 with eps 1e-4)
    "twoChanged": ({"billing": 8, "bug": 7, "account": 6, "security": 2}, {"billing": 8, "bug": 7, "account": 8}),
}
for name, (e, a) in cases.items():
    print(f"{name}: psi = {psi(e, a)!r}, js = {js(e, a)!r}")

print("\n## Classification: sklearn precision_recall_fscore_support(labels=..., zero_division=0), f1_score(average='macro'), confusion_matrix")
labels = ["billing", "bug", "account", "feature", "security"]
pairs = ([("billing", "billing")] * 4 + [("billing", "bug")] + [("bug", "bug")] * 3 + [("bug", "feature")]
         + [("account", "account")] * 2 + [("account", "billing")] + [("security", "account")]
         + [("security", "billing")] + [("bug", "unknown")] + [("billing", "unknown")])
y_true = [e for e, _ in pairs]
y_pred = [a for _, a in pairs]
p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
for i, lab in enumerate(labels):
    print(f"{lab}: precision = {float(p[i])!r}, recall = {float(r[i])!r}, f1 = {float(f[i])!r}, support = {int(s[i])}")
print(f"macroF1 = {float(f1_score(y_true, y_pred, labels=labels, average='macro', zero_division=0))!r}")
# Macro F1 over the labels expected or predicted at least once ("never" is neither, so it is left out).
present = [lab for lab in labels + ["never"] if lab in y_true or lab in y_pred]
print(f"macroF1 over present labels {present} = {float(f1_score(y_true, y_pred, labels=present, average='macro', zero_division=0))!r}")
cm = confusion_matrix(y_true, y_pred, labels=labels)
other = [sum(1 for e, a in pairs if e == lab and a not in labels) for lab in labels]
print("confusion (last column: actual not in labels, counted by hand):")
for row, o in zip(cm.tolist(), other):
    print(f"  {row + [o]},")

print("\n## Percentile: numpy.percentile(x, q * 100) (method='linear')")
ten = [3.2, 1.5, 9.8, 4.4, 7.1, 2.0, 6.6, 5.5, 8.3, 0.9]
for xs in [[1.0], [1.0, 2.0], sorted(ten)]:
    for q in [0.0, 0.5, 0.95, 0.99, 1.0]:
        print(f"{sorted(xs)} q={q}: {float(np.percentile(xs, q * 100))!r}")

print("\n## SplitMix64 (Vigna's reference algorithm, pure Python), seed 1234567: first five outputs")
M = (1 << 64) - 1
state = 1234567
outs = []
for _ in range(5):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    outs.append(z ^ (z >> 31))
print(outs)


def tango_interval(b, c, n, conf=0.95):
    """Tango (1998) score interval for (c - b) / n, b = regressions, c = improvements; formula of Fagerland, Lydersen
    & Laake (2014, Stat Med 33:2850, eq. 11), roots by scipy.optimize.brentq (an independent root finder)."""
    from scipy.optimize import brentq
    z = float(scipy.stats.norm.ppf(1 - (1 - conf) / 2))

    def score(d):
        A = 2 * n
        B = -c - b + (2 * n - c + b) * d
        C = -b * d * (1 - d)
        q = (math.sqrt(max(B * B - 4 * A * C, 0.0)) - B) / (2 * A)
        var = n * (2 * q + d * (1 - d))
        num = c - b - n * d
        return num / math.sqrt(var) if var > 0 else (0.0 if num == 0 else math.copysign(math.inf, num))

    est = (c - b) / n
    lo = -1.0 if score(-1.0) <= z else brentq(lambda d: score(d) - z, -1.0, est, xtol=1e-15)
    hi = 1.0 if score(1.0) >= -z else brentq(lambda d: score(d) + z, est, 1.0, xtol=1e-15)
    return est, lo, hi


print("\n## Tango score interval (brentq on the published score) and McNemar score test:")
print("## statsmodels mcnemar([[0, b], [c, 0]], exact=False, correction=False).pvalue")
for b, c, n in [(7, 1, 23), (0, 0, 23), (1, 0, 40), (4, 0, 23), (3, 0, 23), (2, 9, 20), (9, 2, 20), (40, 20, 160),
                (10, 0, 10), (5, 5, 10), (0, 0, 1), (0, 12, 12)]:
    est, lo, hi = tango_interval(b, c, n)
    p = mcnemar(np.array([[0, b], [c, 0]]), exact=False, correction=False).pvalue if b + c > 0 else 1.0
    print(f"({b}, {c}, {n}, {lo!r}, {hi!r}, {float(p)!r}),")

print("\n## Issue 9 case (ComparisonTests.verdictAndIntervalAgreeOnTheIssueCase): 23 scenarios, 7 regressions, 1 improvement")
for k in (22, 16):
    lo, hi = proportion_confint(k, 23, alpha=0.05, method="wilson")
    print(f"wilson {k}/23: ({float(lo)!r}, {float(hi)!r})")
p = mcnemar(np.array([[0, 7], [1, 0]]), exact=False, correction=False).pvalue
print(f"score p = {float(p)!r}, exact p = {float(mcnemar(np.array([[0, 7], [1, 0]]), exact=True).pvalue)!r}")

print("\n## Holm: statsmodels.stats.multitest.multipletests(p, method='holm')[1]")
from statsmodels.stats.multitest import multipletests
p_issue = float(mcnemar(np.array([[0, 7], [1, 0]]), exact=False, correction=False).pvalue)
p_drop = float(mcnemar(np.array([[0, 9], [2, 0]]), exact=False, correction=False).pvalue)
for ps in [[0.01, 0.04, 0.03, 0.005], [0.5, 0.2, 0.9], [0.001], [0.02, 0.02, 0.3],
           [p_issue, p_issue],  # issue case: the category field and the billing category, one family
           [p_drop, 1.0]]:      # two suites' no_regression gates (RunReportStatisticsTests)
    print(f"{ps} -> {[float(x) for x in multipletests(ps, method='holm')[1]]}")

print("\n## Wilson over scenarios: proportion_confint(sum(rates), n_scenarios, method='wilson') with a fractional count")
for rates in [[1, 1, 0, 1 / 3, 2 / 3, 1, 0, 1], [1.0] * 9 + [0.0] * 3]:
    lo, hi = proportion_confint(sum(rates), len(rates), alpha=0.05, method="wilson")
    print(f"{[round(r, 4) for r in rates]}: ({float(lo)!r}, {float(hi)!r})")
lo, hi = proportion_confint(9, 12, alpha=0.05, method="wilson")
print(f"9/12 (one repeat): ({float(lo)!r}, {float(hi)!r})")
lo, hi = proportion_confint(1, 2, alpha=0.05, method="wilson")
print(f"1/2 (CLI failing.yaml, once and with --repeat 3): ({float(lo)!r}, {float(hi)!r})")
for k, n in [(3, 3), (0, 3)]:
    lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson")
    print(f"{k}/{n} (CLI drift with --repeat 2 on pass.yaml): ({float(lo)!r}, {float(hi)!r})")
lo, hi = proportion_confint(2, 8, alpha=0.05, method="wilson")
print(f"flaky 2 of 8 scenarios: ({float(lo)!r}, {float(hi)!r})")

print("\n## pass^k (Yao et al. 2024, tau-bench): mean over scenarios of comb(c, k) / comb(n, k)")
passes = [3, 3, 0, 1, 2, 3, 0, 3]
for k in [1, 2, 3]:
    print(f"passes {passes} of 3, k={k}: {sum(math.comb(c, k) / math.comb(3, k) for c in passes) / len(passes)!r}")


def comparison_and_drift_cases():
    """Values pinned in Tests/TriageEvalTests/Compare/ComparisonTests.swift and Reports/RunReportTests.swift."""
    from scipy.spatial.distance import jensenshannon
    from scipy.stats import binomtest
    from statsmodels.stats.proportion import proportion_confint
    import numpy as np
    print("ComparisonTests: binomtest(2, 11, 0.5).pvalue =", binomtest(2, 11, 0.5).pvalue)
    print("ComparisonTests: wilson 11/20 =", proportion_confint(11, 20, method="wilson"))
    print("ComparisonTests: wilson 18/20 =", proportion_confint(18, 20, method="wilson"))
    p = np.array([10, 10, 0], float); q = np.array([5, 10, 5], float)
    print("ComparisonTests: JS([10,10,0],[5,10,5]) base 2 =", jensenshannon(p / p.sum(), q / q.sum(), base=2) ** 2)
    print("RunReportTests: wilson 2/5 =", proportion_confint(2, 5, method="wilson"))
    print("RunReportTests: wilson 3/5 =", proportion_confint(3, 5, method="wilson"))
    print("RunReportTests: percentile([10,20,30,40,50], [50,95,99]) =", np.percentile([10, 20, 30, 40, 50], [50, 95, 99]))


if __name__ == "__main__":
    comparison_and_drift_cases()
