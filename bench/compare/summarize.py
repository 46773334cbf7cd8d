"""Summarise dist-linalg.sh output (JSON lines) into bench/results/distributions-linalg.json:
median and spread of CPU and wall milliseconds per tree and bench, and CPU-median ratios.
Usage: python3 summarize.py RUN.jsonl OUT.json LABEL=TREE ... [--note TEXT] [--load TEXT]"""
import json, os, platform, statistics, sys, datetime

args = sys.argv[1:]
src, dst = args[0], args[1]
labels, notes = {}, {}
i = 2
while i < len(args):
    if args[i].startswith("--"):
        notes[args[i][2:]] = args[i + 1]; i += 2
    else:
        k, v = args[i].split("=", 1); labels[v] = k; i += 1
rows = [json.loads(l) for l in open(src) if l.strip()]
out = {}
for r in rows:
    t = labels.get(r["tree"], r["tree"])
    out.setdefault(r["bench"], {}).setdefault(t, []).append(r)
res = {}
for b, per in out.items():
    e = {}
    for t, rs in per.items():
        cpu = sorted(x["cpuMs"] for x in rs); wall = sorted(x["wallMs"] for x in rs)
        e[t] = {"n": len(rs), "cpuMsMedian": statistics.median(cpu), "cpuMsMin": cpu[0], "cpuMsMax": cpu[-1],
                "wallMsMedian": statistics.median(wall), "checksums": sorted({x["checksum"] for x in rs})}
        if b == "nuts":  # the checksum is the run's total leapfrog steps: CPU per step
            e[t]["cpuUsPerLeapfrogStepMedian"] = statistics.median(1000 * x["cpuMs"] / x["checksum"] for x in rs)
    if "before" in e:
        for t in e:
            if t != "before":
                e[t]["cpuRatioToBefore"] = e[t]["cpuMsMedian"] / e["before"]["cpuMsMedian"]
                e[t]["cpuMinRatioToBefore"] = e[t]["cpuMsMin"] / e["before"]["cpuMsMin"]
                if b == "nuts":
                    e[t]["perStepRatioToBefore"] = e[t]["cpuUsPerLeapfrogStepMedian"] / e["before"]["cpuUsPerLeapfrogStepMedian"]
    res[b] = e
with open("/proc/cpuinfo") as f:
    cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "unknown")
doc = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
       "machine": {"cpu": cpu, "cores": os.cpu_count(), "platform": platform.platform()},
       **notes, "trees": {v: k for k, v in labels.items()}, "benches": res}
json.dump(doc, open(dst, "w"), indent=2)
for b, e in res.items():
    print(b, {t: (round(v["cpuMsMedian"], 1), round(v.get("cpuRatioToBefore", 1), 3)) for t, v in e.items()})
