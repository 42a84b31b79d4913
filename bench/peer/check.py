#!/usr/bin/env python3
"""Checks that the peer's queries (queries.json) fetch the same data as koers's.

Usage: bench/peer/check.py KOERS_BASE_URL PEER_GRAPHQL_URL
  e.g. bench/peer/check.py http://127.0.0.1:18081 http://127.0.0.1:18090/graphql
Both servers must run on the same database. Read workloads only: ids are normalised to row ids,
decimals to their value, connections to lists; then the two answers must be equal.
"""
import base64, json, os, sys, urllib.request
from decimal import Decimal

KOERS, PEER = sys.argv[1].rstrip("/"), sys.argv[2]
Q = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries.json")))
LAYERS = ["RIJK", "PROVINCIE", "GEMEENTE", "WATERSCHAP"]


def post(url, query, variables):
    req = urllib.request.Request(url, json.dumps({"query": query, "variables": variables}).encode(),
                                 {"content-type": "application/json"})
    data = json.loads(urllib.request.urlopen(req).read())
    if data.get("errors"):
        sys.exit(f"errors from {url}: {data['errors']}")
    return data["data"]


def unb64(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4)).decode()


def koers_id(n):  # "Milestone:5"
    return base64.urlsafe_b64encode(f"Milestone:{n}".encode()).decode().rstrip("=")


def row_id(gid):  # koers "Milestone:5" or PostGraphile ["Milestone",5]
    raw = unb64(gid)
    return json.loads(raw)[1] if raw.startswith("[") else int(raw.split(":")[1])


def nodes(x):  # koers lists vs PostGraphile connections
    return x["nodes"] if isinstance(x, dict) else x


def norm(m):
    out = {k: v for k, v in m.items() if k not in ("id", "kpis")}
    out["id"] = row_id(m["id"])
    if "kpis" in m:
        out["kpis"] = [{"code": k["code"], "name": k["name"],
                        # [:3]: koers repeats a KPI's measurements once per milestone on the page
                        # that links it (see README); its first three are the real answer.
                        **({"latest": [(x["periodEnd"], Decimal(x["value"]).normalize())
                                       for x in nodes(k["measurements"])][:3]}
                           if "measurements" in k else {})}
                       for k in nodes(m["kpis"])]
    return out


def page(d):
    return [d["totalCount"]] + [norm(e["node"]) for e in d["edges"]]


failed = []


def same(name, a, b):
    ok = a == b
    print(f"{'SAME     ' if ok else 'DIFFERENT'} {name}")
    if not ok:
        failed.append(name)
        diff = next(((x, y) for x, y in zip(a, b) if x != y), (len(a), len(b)))
        print(f"  koers: {diff[0]}\n  peer:  {diff[1]}")


for layer in LAYERS:
    k = post(KOERS + "/graphql", Q["dashboard"]["koers"], {"layer": layer})["milestones"]["edges"]
    p = post(PEER, Q["dashboard"]["query"], {"layer": layer})["milestones"]["edges"]
    longest = max((len(kp["measurements"]) for e in k for kp in e["node"]["kpis"]), default=0)
    same(f"dashboard {layer}: {len(k)} milestones (koers's longest measurement list: {longest})",
         [norm(e["node"]) for e in k], [norm(e["node"]) for e in p])

first = post(KOERS + "/graphql", Q["list_first"]["koers"], {})["milestones"]
same("list_first", page(first), page(post(PEER, Q["list_first"]["query"], {"layer": "RIJK", "first": 20})["milestones"]))

total = first["totalCount"]
for skip in sorted({o for o in (20, total // 2, total - 20, total - 5) if 0 < o < total}):
    cursor, left = None, skip  # koers: walk its own cursors to the row before the page
    while left:
        n = min(left, 100)
        left -= n
        cursor = post(KOERS + "/graphql", "query($n: Int!, $c: String) { milestones(first: $n, after: $c, "
                      "filter: { layer: RIJK }) { edges { cursor } } }", {"n": n, "c": cursor})["milestones"]["edges"][-1]["cursor"]
    k = page(post(KOERS + "/graphql", Q["list_deep"]["koers"], {"cursor": cursor})["milestones"])
    pc = post(PEER, Q["list_deep"]["cursor_query"], {"offset": skip - 1})["milestones"]["edges"][0]["cursor"]
    same(f"list_deep after {skip} rows, by cursor", k,
         page(post(PEER, Q["list_deep"]["query"], {"layer": "RIJK", "first": 20, "after": pc})["milestones"]))
    same(f"list_deep after {skip} rows, by offset", k,
         page(post(PEER, Q["list_deep"]["offset_query"], {"offset": skip})["milestones"]))

# export: koers's NDJSON against the peer's one query, row by row
links = ("milestoneKpis", "milestoneTasks", "predecessors", "commitmentMilestones")
peer_rows = [{**{("id" if k == "rowId" else k): v for k, v in n.items() if k not in links},
              "kpiIds": [x["kpiId"] for x in n["milestoneKpis"]["nodes"]],
              "taskIds": [x["taskId"] for x in n["milestoneTasks"]["nodes"]],
              "predecessors": [{"milestoneId": x["predecessorId"], "lagDays": x["lagDays"]}
                               for x in n["predecessors"]["nodes"]],
              "commitmentIds": [x["commitmentId"] for x in n["commitmentMilestones"]["nodes"]]}
             for n in post(PEER, Q["export"]["query"], {})["milestones"]["nodes"]]
koers_rows = [json.loads(line) for line in urllib.request.urlopen(KOERS + "/export/milestones.ndjson").read().decode().splitlines()]
same(f"export: {len(koers_rows)} milestones, {sum(len(r['kpiIds']) + len(r['taskIds']) + len(r['predecessors']) + len(r['commitmentIds']) for r in koers_rows)} links",
     koers_rows, peer_rows)

ids = [r["id"] for r in koers_rows]
for i in sorted({ids[0], ids[len(ids) // 3], ids[len(ids) // 2], ids[-1]} | {r["id"] for r in koers_rows if r["kpiIds"]}.intersection(ids[:30])):
    same(f"by_id {i}", [norm(post(KOERS + "/graphql", Q["by_id"]["koers"], {"id": koers_id(i)})["milestone"])],
         [norm(post(PEER, Q["by_id"]["query"], {"rowId": i})["milestone"])])

print("ALL SAME" if not failed else f"{len(failed)} DIFFERENT")
sys.exit(1 if failed else 0)
