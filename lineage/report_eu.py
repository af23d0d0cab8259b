"""EU AI Act Art. 53(1)(d) training-content summary (Commission template, July 2025), its own file.

Kept apart from the Chinese filing: a CAC reviewer and the EU AI Office ask different questions.
"""

from __future__ import annotations

from typing import Any

from corpusgov.lineage.report_render import Block
from corpusgov.lineage.report_text import num, pct, period_of, rate


def build_eu_blocks(m: dict[str, Any]) -> list[Block]:
    """EU AI Act Art. 53(1)(d) training-content summary (template of July 2025), in English."""
    kept_total = m["totals"]["kept"]
    pv = (m["config"].get("provider") or {})
    mods = m["scale"]["by_modality"]
    size = "; ".join(f"{k}: {v['records']} records, {v['bytes']} bytes, {v['est_tokens']} est. tokens" for k, v in mods.items())
    periods = [f"{s['id']}: {period_of(s)}" for s in m["sources"] if period_of(s) != "—"]
    general = [["Provider", pv.get("name") or "to be filled in by the provider"],
               ["Contact", pv.get("contact") or "to be filled in by the provider"],
               ["Model", "to be filled in by the provider"],
               ["Modalities", ", ".join(m["type"].get("modalities", []))], ["Size per modality (kept)", size],
               ["Languages (kept records)", ", ".join(f"{k}: {v}" for k, v in sorted(m["type"].get("languages", {}).items()))],
               ["Collection period", "; ".join(periods) or "not given"]]
    out: list[Block] = [("h1", f"EU AI Act Art. 53(1)(d) training-content summary — {m['run']['name']}"),
                        ("p", "Fields of the European Commission's July 2025 template, taken from this run's manifest "
                              "(manifest.json). Model details are not in the manifest and must be added by the provider."),
                        ("h2", "1. General information"), ("table", "eu_general", ["Field", "Value"], general),
                        ("h2", "2. List of data sources")]
    kinds = (("2.1 Publicly available datasets (open licence, public domain)", ("open_licence", "public_domain")),
             ("2.2 Private datasets licensed from rightsholders (commercial)", ("commercial",)),
             ("2.3 Data crawled and scraped from online sources (self-collected)", ("self_collected",)),
             ("2.4 User data (authorised)", ("user_authorised",)), ("2.5 Synthetic data", ("synthetic",)))
    for title, acqs in kinds:
        srcs = [s for s in m["sources"] if s["acquisition"] in acqs]
        out.append(("h3", title))
        if not srcs:
            out.append(("p", "No source of this kind."))
            continue
        rows = [[s["id"], s["title"], s.get("licence") or "—", s["status"], num(s["counts"]["kept"]),
                 pct(s["counts"]["kept"], kept_total)] for s in srcs]
        out.append(("table", f"eu_{acqs[0]}", ["Source", "Title", "Licence", "Status", "Kept", "Share of kept records"], rows))
        if "self_collected" in acqs:
            crows = []
            for s in srcs:
                sc = (s.get("registry_entry") or {}).get("self_collected") or {}
                crows.append([s["id"], sc.get("crawler") or "—", period_of(s), sc.get("robots_txt") or "—",
                              sc.get("opt_out_handling") or "not given"])
            out += [("table", "eu_crawlers", ["Source", "Crawler", "Period", "robots.txt", "Opt-out handling"], crows),
                    ("p", "Top domains: not derivable from the manifest, which records no URLs (they are in the "
                          "corpus's url column).")]
    pol = m["config"].get("policy") or {}
    cr = pol.get("copyright") or {}
    dr, fr = m["totals"]["dropped_by_reason"], m["totals"]["flagged_by_reason"]
    scr = pol.get("screening") or {}
    opt = [["copyright detection enabled", num(cr.get("enabled"))], ["opt-out action", str(cr.get("opt_out_action"))],
           ["conflict action", str(cr.get("conflict_action"))],
           ["records dropped for an opt-out", num(dr.get("copyright:opt_out", 0))],
           ["records flagged for an opt-out", num(fr.get("copyright:opt_out", 0))]]
    ill = [["screening enabled", num(scr.get("enabled"))], ["source threshold", rate(scr.get("max_hit_rate") or 0)],
           ["records dropped for a lexicon hit", num(dr.get("screening:lexicon_hit", 0))],
           ["records of sources rejected for their share", num(dr.get("source_rejected:screening_rate_exceeded", 0))]]
    other = [[s["name"], num(s["records_in"]), num(s["records_out"])] for s in m["steps"]]
    out += [("h2", "3. Data processing"), ("h3", "3.1 Respect of reservations of rights (TDM opt-out)"),
            ("table", "eu_optout", ["Field", "Value"], opt), ("h3", "3.2 Removal of illegal content"),
            ("table", "eu_illegal", ["Field", "Value"], ill), ("h3", "3.3 Other processing"),
            ("table", "eu_other", ["Step", "In", "Out"], other)]
    return out
