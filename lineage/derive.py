"""Re-derive what a manifest claims from the run's own tables, so a manifest edit the tables contradict fails.

Why: an unsigned manifest is just text. Every record's decision is re-made here from its recorded inputs
(screening hit, PI and copyright findings, quality signals, language, duplicate link) with the recorded policy
and source status, using the same pure decision functions the pipeline uses (`quality.decide`). Then every
aggregate the manifest states (per-source counts and reasons, screening rates and the source gates they
imply, PI/copyright/quality counts, languages and scale, dedup clusters, steps, gates, takedown ids) is
rebuilt from those rows with the manifest builder's own rules (`corpusgov.aggregates.counters_from_tables`,
then `corpusgov.manifest.aggregate_sections`: one copy of each rule) and compared. Each group is one named
check (`derive:*`).

Limits (see docs/threat-model.md): inputs themselves (findings, signals, duplicate links) are trusted as
recorded, the source registry's evidence and a source's licence or legal basis are checked only through
the decisions they imply. `est_tokens` is recounted from `decisions.est_tokens`; runs made before that
column existed are checked for consistency across views only.
"""

from __future__ import annotations

import copy
import functools
import json
import os
from collections import Counter, defaultdict
from typing import Any, cast

from corpusgov.aggregates import SCALE_MEASURES, Tables, read_tables

__all__ = ["Deriver", "Tables", "read_tables"]

MAX_SHOWN = 4


def _nz(d: Any) -> Any:
    """Nested dict without zero counts or empty sub-dicts (the manifest omits some, keeps others)."""
    if isinstance(d, dict):
        out = {k: _nz(v) for k, v in d.items()}
        return {k: v for k, v in out.items() if v not in (0, {}, None)}
    return d


def _diff(label: str, claimed: Any, derived: Any) -> list[str]:
    a, b = _nz(claimed or {}), _nz(derived or {})
    if a == b:
        return []
    if isinstance(a, dict) and isinstance(b, dict):
        keys = sorted(set(a) | set(b), key=str)
        bad = [k for k in keys if a.get(k) != b.get(k)]
        k = bad[0]
        return [f"{label}[{k}]: manifest {json.dumps(a.get(k), sort_keys=True)[:80]} != tables "
                f"{json.dumps(b.get(k), sort_keys=True)[:80]}" + (f" (+{len(bad) - 1} more)" if len(bad) > 1 else "")]
    return [f"{label}: manifest {json.dumps(a)[:80]} != tables {json.dumps(b)[:80]}"]


def _takedown(row: Any) -> bool:
    return any(r.startswith("takedown:") for r in row["reasons"] or [])


class Deriver:
    """Runs every `derive:*` check; `add(name, ok, detail)` records each (VerifyReport.add)."""

    def __init__(self, m: dict[str, Any], t: Tables, run_dir: str) -> None:
        from corpusgov.config import Policy

        self.m, self.t, self.run_dir = m, t, run_dir
        self.policy = Policy.model_validate((m.get("config") or {}).get("policy") or {})
        self.src = {s["id"]: s for s in m.get("sources") or []}
        self.rows_by_src: dict[str, list[Any]] = defaultdict(list)
        for r in t.dec:
            self.rows_by_src[r["source_id"]].append(r)
        self.dead_by_src: dict[str, Counter[str]] = defaultdict(Counter)
        for e in t.dead:
            self.dead_by_src[e["source_id"]][e["reason"]] += 1
        self.screen = {}
        for sid, rows in self.rows_by_src.items():
            self.screen[sid] = (len(rows), sum(1 for r in rows if r["screen_hit"]))

    # ------------------------------------------------------------------------------ helpers
    def screening_rejects(self, sid: str) -> bool:
        from corpusgov.aggregates import screening_rate_exceeded

        n, hits = self.screen.get(sid, (0, 0))
        return screening_rate_exceeded(n, hits, self.policy.screening)

    @functools.cached_property
    def derived(self) -> dict[str, Any]:
        """The manifest's count sections rebuilt from the tables by the manifest builder itself."""
        from corpusgov.aggregates import counters_from_tables
        from corpusgov.manifest import aggregate_sections, sources_from_manifest

        reqs = self.m.get("requests") or []
        taken = reqs or any(r["stage"] == "takedown" for r in self.t.dec)
        return aggregate_sections(counters_from_tables(self.t), sources_from_manifest(self.m), self.policy,
                                  dedup_stats=None, takedowns=[str(q.get("id")) for q in reqs] if taken else None)

    def _derived_source(self, sid: str) -> dict[str, Any]:
        return next(s for s in self.derived["sources"] if s["id"] == sid)

    def run(self, add: Any) -> None:
        for name, fn in (("derive:sources", self.sources), ("derive:decisions", self.decisions),
                         ("derive:counts", self.counts), ("derive:screening", self.screening),
                         ("derive:pii", self.pii), ("derive:copyright", self.copyright),
                         ("derive:quality", self.quality), ("derive:scale", self.scale),
                         ("derive:dedup", self.dedup), ("derive:steps", self.steps),
                         ("derive:policy", self.policy_copies), ("derive:gates", self.gates),
                         ("derive:annotation", self.annotation), ("derive:requests", self.requests)):
            try:
                probs, ok_detail = fn()
            except Exception as e:  # noqa: BLE001 - a claim we cannot even read is a failed check
                probs, ok_detail = [f"cannot derive: {type(e).__name__}: {' '.join(str(e).split())[:160]}"], ""
            if probs is None:
                continue
            add(name, not probs, ok_detail if not probs else "; ".join(probs[:MAX_SHOWN])
                + (f" (+{len(probs) - MAX_SHOWN} more)" if len(probs) > MAX_SHOWN else ""))

    # ------------------------------------------------------------------------------ checks
    def sources(self) -> tuple[list[str], str]:
        p: list[str] = []
        ids = [s["id"] for s in self.m.get("sources") or []]
        if len(set(ids)) != len(ids):
            p.append("a source id is listed twice")
        found = set(self.rows_by_src) | set(self.dead_by_src)
        for sid in sorted(found - set(ids)):
            p.append(f"source {sid!r} has records in the tables but is not in the manifest's sources")
        for s in self.m.get("sources") or []:
            sid = s["id"]
            if sid not in found and (s.get("files") or (s.get("counts") or {}).get("read")):
                p.append(f"source {sid!r} is listed with {len(s.get('files') or [])} input file(s) but has no "
                         "record in decisions/ or deadletter/")
            rej = list(s.get("rejection_reasons") or [])
            if (s.get("status") == "rejected") != bool(rej):
                p.append(f"{sid}: status {s.get('status')!r} but rejection reasons {rej}")
            if ("screening_rate_exceeded" in rej) != self.screening_rejects(sid):
                n, h = self.screen.get(sid, (0, 0))
                p.append(f"{sid}: screening_rate_exceeded {'claimed' if 'screening_rate_exceeded' in rej else 'missing'}"
                         f" but the tables give {h}/{n} hits against max_hit_rate {self.policy.screening.max_hit_rate}")
            entry = s.get("registry_entry") or {}
            for k, ek in (("title", "title"), ("acquisition", "acquisition"), ("licence", "licence"),
                          ("pi_legal_basis", "pi_legal_basis"), ("languages", "languages"), ("domain", "domain"),
                          ("modality", "modality")):
                if k in s and ek in entry and s[k] != entry[ek]:
                    p.append(f"{sid}: {k} {s[k]!r} differs from its registry entry {entry[ek]!r}")
        return p, f"{len(ids)} sources; the tables hold records of exactly the listed ones"

    def decisions(self) -> tuple[list[str], str]:
        """Every record's decision, stage, reasons and PI/copyright columns re-made from its inputs."""
        from corpusgov.quality.copyright import MarkerFinding
        from corpusgov.quality.decide import SourceStatus, final_reasons, pre_decide
        from corpusgov.quality.pii.scanner import PiiFinding

        p: list[str] = []
        status: dict[str, Any] = {}
        for sid, s in self.src.items():
            ev = [r for r in s.get("rejection_reasons") or [] if r != "screening_rate_exceeded"]
            rej = tuple(ev + (["screening_rate_exceeded"] if self.screening_rejects(sid) else []))
            status[sid] = SourceStatus(sid, s.get("pi_legal_basis"), s.get("licence"), s.get("acquisition"), rej)
        ids = Counter(r["record_id"] for r in self.t.dec)
        if any(v > 1 for v in ids.values()):
            p.append(f"{sum(1 for v in ids.values() if v > 1)} record id(s) appear twice in decisions/")
        orphans = (set(self.t.pii) | set(self.t.cr)) - set(ids)
        if orphans:
            p.append(f"{len(orphans)} record id(s) in pii/ or copyright/ are not in decisions/")
        checked = skipped = 0
        for r in self.t.dec:
            row = cast("dict[str, Any]", r)  # a decisions/ row with its q_* signal columns
            rid, sid = r["record_id"], r["source_id"]
            findings = self.t.pii.get(rid, [])
            marks = self.t.cr.get(rid, [])
            if _takedown(r):
                skipped += 1
                if findings:
                    p.append(f"{rid}: removed by a takedown but still has PI findings in pii/")
                if r["decision"] != "drop":
                    p.append(f"{rid}: has a takedown reason but decision {r['decision']}")
                continue
            if sid not in status:
                continue  # reported by derive:sources
            checked += 1
            pf = [PiiFinding(f["entity_type"], f["start"], f["end"], f["score"], f["recognizer"]) for f in findings]
            mf = [MarkerFinding(c["marker_class"], c["start"], c["end"], c["score"], c["recognizer"], c.get("licence"),
                                bool(c.get("restrictive"))) for c in marks]
            ann: dict[str, Any] = {"screen_hits": ["(hit)"] if r["screen_hit"] else [], "pii": pf, "copyright": mf,
                                   "signals": {c[2:]: row[c] for c in self.t.signal_cols if row.get(c) is not None},
                                   "lang": r["lang"]}
            if r.get("lang_score") is not None:
                ann["lang_score"] = r["lang_score"]
            pre = pre_decide(ann, status[sid], self.policy)
            dup = {k: r[k] for k in ("dup_of", "dup_kind") if r.get(k)} if r.get("dup_of") else None
            if dup and not pre.dedup_eligible:
                p.append(f"{rid}: marked a duplicate of {r['dup_of']} although an earlier measure drops it")
            decision, stage, reasons = final_reasons(pre, dup)
            masked = decision == "keep" and bool(pre.to_mask)
            want = {"decision": decision, "stage": stage, "reasons": reasons, "masked": masked,
                    "pii_count": len(pf), "pii_types": sorted({f.entity_type for f in pf}),
                    "pii_action": pre.pii_action if pf else None, "pii_unresolved": bool(pre.pii_unresolved),
                    "copyright_classes": sorted({c.marker_class for c in mf})}
            bad = [k for k, v in want.items() if (list(row[k]) if isinstance(row[k], list | tuple) else row[k]) != v]
            if bad:
                k = bad[0]
                p.append(f"{rid} ({sid}): {k} {row[k]!r} in decisions/, re-derived {want[k]!r}"
                         + (f" (+{', '.join(bad[1:])})" if len(bad) > 1 else ""))
            spans = {(f.start, f.end, f.entity_type) for f in pre.to_mask}
            for f in findings:
                a = "drop" if decision == "drop" else ("mask" if (f["start"], f["end"], f["entity_type"]) in spans
                                                       else "keep")
                if f.get("action") != a or f.get("source_id") != sid:
                    p.append(f"{rid}: pii/ finding {f['entity_type']} action {f.get('action')!r}, re-derived {a!r}")
                    break
            for c in marks:
                a = "drop" if stage == "copyright" else "flag"
                if c.get("action") != a or c.get("source_id") != sid:
                    p.append(f"{rid}: copyright/ marker {c['marker_class']} action {c.get('action')!r}, re-derived {a!r}")
                    break
        detail = (f"{checked} record decisions re-made from their findings, signals and the recorded policy"
                  + (f"; {skipped} removed by takedown (their findings left with them)" if skipped else ""))
        return p, detail

    def counts(self) -> tuple[list[str], str]:
        p: list[str] = []
        for sid, s in self.src.items():
            p += _diff(f"sources.{sid}.counts", s.get("counts"), self._derived_source(sid)["counts"])
        tot = self.derived["totals"]
        p += _diff("totals", self.m.get("totals"), tot)
        if len(self.t.dec) + len(self.t.dead) != tot["read"]:
            p.append(f"tables hold {len(self.t.dec) + len(self.t.dead)} records of sources not all listed")
        return p, (f"read {tot['read']} = kept {tot['kept']} + dropped {tot['dropped']} + dead-lettered "
                   f"{tot['deadlettered']}, per source and by reason, recounted from the tables")

    def screening(self) -> tuple[list[str], str]:
        p: list[str] = []
        for sid, s in self.src.items():
            sc, want = s.get("screening") or {}, self._derived_source(sid)["screening"]
            for k in ("records", "hits", "threshold", "passed"):
                if sc.get(k) != want[k]:
                    p.append(f"{sid}: screening.{k} {sc.get(k)!r}, tables and policy give {want[k]!r}")
            if abs(float(sc.get("hit_rate") or 0.0) - want["hit_rate"]) > 1e-12:
                p.append(f"{sid}: screening.hit_rate {sc.get('hit_rate')!r}, tables give {want['hit_rate']!r}")
        return p, "hit rates recounted from screen_hit; pass/fail re-evaluated against policy max_hit_rate"

    def pii(self) -> tuple[list[str], str]:
        claimed, want = self.m.get("pii") or {}, self.derived["pii"]
        p = _diff("pii.counts_by_source", claimed.get("counts_by_source"), want["counts_by_source"])
        if p and any(_takedown(r) for r in self.t.dec):
            p = self._pii_counts_as_read(claimed.get("counts_by_source") or {}, want["counts_by_source"])
        p += _diff("pii.records_by_action", claimed.get("records_by_action"), want["records_by_action"])
        p += _diff("pii.reasons_by_source", claimed.get("reasons_by_source"), want["reasons_by_source"])
        return p, f"{len(self.t.pii_rows)} findings in pii/: counts by source, type, action and reason agree"

    def _pii_counts_as_read(self, counts: dict[str, Any], by_type: dict[str, Any]) -> list[str]:
        """Versions made before takedowns recounted their tables kept the PI counts of what was read: pii/
        plus the findings of records removed by takedown (`pii_count` in decisions/)."""
        gone: dict[str, tuple[int, set[str]]] = {}
        for r in self.t.dec:
            if r["pii_count"] and _takedown(r):
                n, types = gone.get(r["source_id"], (0, set()))
                gone[r["source_id"]] = (n + r["pii_count"], types | set(r["pii_types"] or []))
        p = []
        for sid in sorted(set(counts) | set(by_type)):
            c, t = _nz(counts.get(sid) or {}), by_type.get(sid, {})
            extra, types = gone.get(sid, (0, set()))
            if sum(c.values()) != sum(t.values()) + extra or any(c.get(k, 0) < v for k, v in t.items()) \
                    or not set(c) <= set(t) | types:
                p.append(f"pii.counts_by_source[{sid}]: manifest {dict(c)} does not match pii/ {dict(t)} plus "
                         f"{extra} finding(s) of records removed by takedown")
        return p

    def copyright(self) -> tuple[list[str], str]:
        claimed, want = self.m.get("copyright") or {}, self.derived["copyright"]
        p = _diff("copyright.counts_by_source", claimed.get("counts_by_source"), want["counts_by_source"])
        p += _diff("copyright.conflicts_by_source", claimed.get("conflicts_by_source"), want["conflicts_by_source"])
        n = sum(len(v) for v in self.t.cr.values())
        return p, f"{n} markers in copyright/: counts by class and conflict agree"

    def quality(self) -> tuple[list[str], str]:
        claimed = (self.m.get("quality") or {}).get("rule_counts_by_source")
        want = self.derived["quality"]["rule_counts_by_source"]
        return _diff("quality.rule_counts_by_source", claimed, want), "quality-rule counts per source agree"

    def scale(self) -> tuple[list[str], str]:
        p: list[str] = []
        sc, want = self.m.get("scale") or {}, self.derived["scale"]
        exact_tokens = self.t.has_est_tokens
        measures = SCALE_MEASURES if exact_tokens else ("records", "chars", "bytes")

        def cmp(label: str, claimed: dict[str, Any] | None, derived: dict[str, int]) -> None:
            got = {k: (claimed or {}).get(k, 0) for k in measures}
            w = {k: derived[k] for k in measures}
            if got != w:
                p.append(f"{label}: manifest {got} != tables {w}")

        for sid, s in self.src.items():
            cmp(f"sources.{sid}.scale", s.get("scale"), want["by_source"][sid])
            cmp(f"scale.by_source.{sid}", (sc.get("by_source") or {}).get(sid), want["by_source"][sid])
        claimed_langs = {k for k, v in (sc.get("by_language") or {}).items() if (v or {}).get("records")}
        if claimed_langs != set(want["by_language"]):
            p.append(f"scale.by_language lists {sorted(claimed_langs)}, kept records have {sorted(want['by_language'])}")
        for lang, v in want["by_language"].items():
            cmp(f"scale.by_language.{lang}", (sc.get("by_language") or {}).get(lang), v)
        cmp("scale.by_modality.text", (sc.get("by_modality") or {}).get("text"), want["by_modality"]["text"])
        typ, want_t = self.m.get("type") or {}, self.derived["type"]
        for k in ("languages", "domains", "acquisition_types"):
            p += _diff(f"type.{k}", typ.get(k), want_t[k])
        p += _diff("scale.languages_read", sc.get("languages_read"), want["languages_read"])
        if not exact_tokens:
            tok = [sum((v or {}).get("est_tokens", 0) for v in (sc.get(k) or {}).values())
                   for k in ("by_source", "by_language")] + [((sc.get("by_modality") or {}).get("text") or {})
                                                             .get("est_tokens", 0)]
            if len(set(tok)) > 1:
                p.append(f"est_tokens disagree: by source {tok[0]}, by language {tok[1]}, by modality {tok[2]}")
        kept = want["by_modality"]["text"]["records"]
        return p, (f"{kept} kept records: records, chars, bytes and " + ("est_tokens" if exact_tokens else
                   "(consistency of) est_tokens") + " per source, language and modality agree")

    def dedup(self) -> tuple[list[str], str]:
        dd, want = self.m.get("dedup") or {}, self.derived["dedup"]
        p: list[str] = []
        ids = {r["record_id"]: r for r in self.t.dec}
        for r in self.t.dec:
            dup_of = r.get("dup_of")
            if dup_of:
                o = ids.get(dup_of)
                if o is None or o.get("dup_cluster") != r.get("dup_cluster"):
                    p.append(f"{r['record_id']}: dup_of {r['dup_of']} is not a record of the same cluster")
                    break
        for k in ("exact_duplicates_dropped", "near_duplicates_dropped", "clusters"):
            if dd.get(k) != want[k]:
                p.append(f"dedup.{k}: manifest {dd.get(k)!r}, tables {want[k]}")
        p += _diff("dedup.cluster_size_histogram", dd.get("cluster_size_histogram"), want["cluster_size_histogram"])
        for sid, rate in want["rate_by_source"].items():
            if abs(float((dd.get("rate_by_source") or {}).get(sid, 0.0)) - rate) > 1e-12:
                p.append(f"dedup.rate_by_source.{sid}: manifest {(dd.get('rate_by_source') or {}).get(sid)!r}, "
                         f"tables {rate!r}")
        return p, (f"{want['clusters']} duplicate clusters, {want['exact_duplicates_dropped']} exact and "
                   f"{want['near_duplicates_dropped']} near copies dropped")

    def steps(self) -> tuple[list[str], str]:
        p: list[str] = []
        steps = {s.get("name"): s for s in self.m.get("steps") or []}
        want = self.derived["steps"]
        for w in want:
            s = steps.get(w["name"])
            if s is None:
                p.append(f"step {w['name']} missing")
                continue
            if (s.get("records_in"), s.get("records_out")) != (w["records_in"], w["records_out"]):
                p.append(f"step {w['name']}: records {s.get('records_in')} -> {s.get('records_out')}, tables "
                         f"{w['records_in']} -> {w['records_out']}")
            p += _diff(f"step {w['name']}.dropped_by_reason", s.get("dropped_by_reason"), w["dropped_by_reason"])
        extra = set(steps) - {w["name"] for w in want}
        if extra:
            p.append(f"steps not derivable from the tables: {sorted(extra)}")
        return p, f"{len(want)} steps: records in/out and drop reasons recounted"

    def policy_copies(self) -> tuple[list[str], str]:
        """Parameters the manifest repeats (steps, screening thresholds) must be the recorded policy's."""
        pol = (self.m.get("config") or {}).get("policy") or {}
        steps = {s.get("name"): s.get("params") or {} for s in self.m.get("steps") or []}
        p: list[str] = []
        for name, want in (("ingest", {"limits": pol.get("limits")}), ("pii", pol.get("pii")),
                           ("copyright", pol.get("copyright")), ("quality", pol.get("quality")),
                           ("language", pol.get("language")),
                           ("screening", {"record_action": (pol.get("screening") or {}).get("record_action")}),
                           ("source_gate", {"screening_max_hit_rate": (pol.get("screening") or {}).get("max_hit_rate")})):
            got = {k: steps.get(name, {}).get(k) for k in (want or {})}
            if name in steps and got != want:
                p.append(f"step {name} params differ from config.policy")
        dd = (self.m.get("dedup") or {}).get("params") or {}
        if any(dd.get(k) != v for k, v in (pol.get("dedup") or {}).items()):
            p.append("dedup.params differ from config.policy.dedup")
        return p, "step parameters and thresholds repeat config.policy"

    def gates(self) -> tuple[list[str], str]:
        from corpusgov.gates import evaluate_gates

        dm = copy.deepcopy(self.m)
        for s in dm.get("sources") or []:
            s["screening"] = {**(s.get("screening") or {}), **self._derived_source(s["id"])["screening"]}
        dm["totals"] = {**(dm.get("totals") or {}), **self.derived["totals"]}
        for f in (dm.get("outputs") or {}).get("files") or []:
            if f.get("kind") in ("decisions", "deadletter", "corpus"):
                f["rows"] = self.t.rows_per_file.get(f["path"], 0)
        if dm.get("annotation"):
            dm["annotation"] = self._annotation_from_audit() or dm["annotation"]
        exp = self._expectations()
        derived = {g["name"]: g for g in evaluate_gates(dm, exp)}
        claimed = {g.get("name"): g for g in self.m.get("gates") or []}
        p: list[str] = []
        for name, g in derived.items():
            c = claimed.get(name)
            if c is None:
                if not (exp is None and name.startswith("expectation:")):
                    p.append(f"gate {name} missing")
            elif (bool(c.get("passed")), bool(c.get("critical"))) != (g["passed"], g["critical"]):
                p.append(f"gate {name}: manifest passed={c.get('passed')} critical={c.get('critical')}, re-evaluated "
                         f"passed={g['passed']} critical={g['critical']} ({g['detail'][:80]})")
        for name in set(claimed) - set(derived):
            if not (exp is None and str(name).startswith("expectation:")):
                p.append(f"gate {name} cannot be re-evaluated from the run's inputs")
        failed = [n for n, g in derived.items() if not g["passed"]]
        return p, f"{len(derived)} gates re-evaluated from tables, policy and result files ({len(failed)} failed)"

    def _expectations(self) -> dict[str, Any] | None:
        p = os.path.join(self.run_dir, "expectations", "results.json")
        if not os.path.exists(p):
            return None
        with open(p, encoding="utf-8") as f:
            res = json.load(f)
        suites: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for e in res.get("expectations") or []:
            suites[e.get("table")].append(e)
        return {"suites": [{"suite": k, "expectations": v} for k, v in suites.items()]}

    def _annotation_from_audit(self) -> dict[str, Any] | None:
        from corpusgov.annotation.core import manifest_section

        ann = self.m.get("annotation") or {}
        rel = ann.get("report")
        if not rel or not os.path.exists(os.path.join(self.run_dir, rel)):
            return None
        with open(os.path.join(self.run_dir, rel), encoding="utf-8") as f:
            audit = json.load(f)
        sec = manifest_section(audit, rel)
        sec["gate_critical"] = ann.get("gate_critical")
        return sec

    def annotation(self) -> tuple[list[str] | None, str]:
        ann = self.m.get("annotation")
        if not ann:
            return None, ""
        want = self._annotation_from_audit()
        if want is None:
            return [f"annotation report {ann.get('report')!r} missing"], ""
        p = _diff("annotation", {k: v for k, v in ann.items()}, want)
        with open(os.path.join(self.run_dir, ann["report"]), encoding="utf-8") as f:
            audit = json.load(f)
        rejected_by_finding = {x.get("batch") for x in audit.get("findings") or [] if x.get("code") == "accuracy:batch_rejected"}
        for b in audit.get("batches") or []:
            if b.get("status") == "accepted" and (b.get("batch") in rejected_by_finding or b.get("reasons")):
                p.append(f"batch {b.get('batch')} is 'accepted' in the audit file despite {b.get('reasons') or 'a rejection finding'}")
        st = Counter(b.get("status") for b in audit.get("batches") or [])
        summ = audit.get("summary") or {}
        if (summ.get("accepted"), summ.get("rejected")) != (st["accepted"], st["rejected"]):
            p.append(f"audit summary accepted/rejected {summ.get('accepted')}/{summ.get('rejected')}, batches say "
                     f"{st['accepted']}/{st['rejected']}")
        if audit.get("passed") and (st["rejected"] or summ.get("errors")):
            p.append("audit says passed with rejected batches or errors")
        return p, f"annotation section equals {ann['report']} ({len(audit.get('batches') or [])} batches)"

    def requests(self) -> tuple[list[str] | None, str]:
        reqs = self.m.get("requests") or []
        taken = {r["record_id"] for r in self.t.dec if r["stage"] == "takedown"}
        if not reqs and not taken:
            return None, ""
        p: list[str] = []
        tagged: dict[str, set[str]] = defaultdict(set)
        for r in self.t.dec:
            for x in r["reasons"] or []:
                if x.startswith("takedown:"):
                    tagged[x.split(":", 1)[1]].add(r["record_id"])
        removed_all: set[str] = set()
        for q in reqs:
            rid = q.get("id")
            removed = set(q.get("removed_record_ids") or [])
            affected = set(q.get("affected_record_ids") or []) or removed
            removed_all |= removed
            if not str(q.get("legal_ground") or "").strip():
                p.append(f"request {rid}: empty legal_ground")
            if not removed <= tagged.get(rid, set()):
                p.append(f"request {rid}: {len(removed - tagged.get(rid, set()))} removed id(s) carry no takedown:{rid}")
            if q.get("affected_record_ids") is not None and affected != tagged.get(rid, set()):
                p.append(f"request {rid}: affected ids {len(affected)} != decisions tagged takedown:{rid} "
                         f"{len(tagged.get(rid, set()))}")
            c = q.get("counts") or {}
            if c.get("removed_from_corpus") != len(removed) or c.get("affected") != len(affected):
                p.append(f"request {rid}: counts {c} do not match its {len(removed)} removed / {len(affected)} "
                         "affected ids")
        if removed_all != taken:
            p.append(f"records dropped at stage takedown ({len(taken)}) != ids the requests list as removed "
                     f"({len(removed_all)})")
        unknown = set(tagged) - {q.get("id") for q in reqs}
        if unknown:
            p.append(f"decisions/ name takedown request(s) {sorted(unknown)} not in the manifest")
        return p, f"{len(reqs)} takedown request(s): removed and affected ids match decisions/"
