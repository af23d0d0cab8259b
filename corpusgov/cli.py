"""`corpusgov` command line. Every error is one line on stderr and a documented exit code.

Exit codes: 0 success; 1 run failed (pipeline or I/O error); 2 usage or configuration error; 3 a critical
gate failed (all outputs kept); 4 verification failed; 5 not found (trace: no such record).
Pass `--debug` (before the command) for a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import time
from collections.abc import Callable
from typing import Any, NoReturn

from corpusgov.errors import (
    EXIT_FAILED,
    EXIT_GATE,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    EXIT_VERIFY,
    CliError,
    UsageError,
    first_line,
)
from corpusgov.summary import run_summary

log = logging.getLogger("corpusgov")


class _Stderr(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at emit time (so redirection and test capture work)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


class _OneLineFormatter(logging.Formatter):
    """Without --debug a log record is one line: no traceback, no stack, only the message's first line.

    Beam logs a worker's exception at ERROR with its traceback; the CLI's own error line already says what
    failed, and a traceback can quote record content.
    """

    def format(self, record: logging.LogRecord) -> str:
        r = logging.makeLogRecord(record.__dict__)
        r.exc_info, r.exc_text, r.stack_info = None, None, None
        lines = r.getMessage().strip().splitlines()
        r.msg, r.args = (lines[0] if lines else ""), None
        return super().format(r)


class _ThirdPartyNoise(logging.Filter):
    """Drops warnings that third-party code logs through the root logger at import time (Beam's "apitools not
    found" on every command): they say nothing about the user's data. Shown again with --debug."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "root" and record.levelno < logging.ERROR
                    and ("site-packages" in record.pathname or "dist-packages" in record.pathname))


def _setup_logging(debug: bool, quiet: bool) -> None:
    level = logging.DEBUG if debug else (logging.WARNING if quiet else logging.INFO)
    fmt = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    root = logging.getLogger()
    for h in [h for h in root.handlers if getattr(h, "_corpusgov", False)]:
        root.removeHandler(h)
    handler = _Stderr()
    handler._corpusgov = True  # type: ignore[attr-defined]  # our marker, read back above to replace our handler
    handler.setFormatter(logging.Formatter(fmt) if debug else _OneLineFormatter(fmt))
    if not debug:
        handler.addFilter(_ThirdPartyNoise())
        import warnings

        warnings.filterwarnings("ignore", module=r"(apache_beam|great_expectations|presidio|google|grpc|mlcroissant)")
    root.addHandler(handler)
    root.setLevel(level)
    # Beam and friends are chatty at INFO; keep our own progress visible. Even with --debug they stay at INFO:
    # Beam's DEBUG log prints the elements it processes, i.e. raw records with their personal information.
    for name in ("apache_beam", "presidio-analyzer", "presidio-anonymizer", "great_expectations", "urllib3",
                 "absl", "py4j", "matplotlib"):
        logging.getLogger(name).setLevel(logging.INFO if debug else logging.WARNING)
    # Worker processes' log records are relayed through this logger: only their errors, unless --debug.
    logging.getLogger("apache_beam.runners.portability.local_job_service").setLevel(
        logging.INFO if debug else logging.ERROR)
    log.setLevel(level)


def _require_run(run_dir: str) -> None:
    """Commands that read a run need a completed one: say so in one line (exit 2) instead of a traceback."""
    if not os.path.isdir(run_dir):
        raise CliError(f"{run_dir}: no such run directory", EXIT_USAGE)
    if not os.path.exists(os.path.join(run_dir, "manifest.json")):
        raise CliError(f"{run_dir}: no manifest.json (not a completed corpusgov run)", EXIT_USAGE)


def _check_out(out: str) -> None:
    if os.path.exists(out) and not os.path.isdir(out):
        raise CliError(f"{out}: --out must be a directory, and this is a file", EXIT_USAGE)


def _load(path: str):
    from corpusgov.config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as e:
        raise CliError(str(e), EXIT_USAGE) from None


def _check_inputs(cfg: Any) -> None:
    from corpusgov.config import ConfigError, check_inputs_match

    try:
        check_inputs_match(cfg)
    except ConfigError as e:
        raise CliError(str(e), EXIT_USAGE) from None


def cmd_validate_config(a: argparse.Namespace, _: list[str]) -> int:
    cfg = _load(a.config)
    _check_inputs(cfg)
    from corpusgov.planning import evidence_problems

    print(f"{a.config}: valid ({len(cfg.registry.sources)} sources)")
    for s in cfg.registry.sources:
        probs = evidence_problems(cfg, s)
        print(f"  {s.id}: {s.acquisition}, {'evidence complete' if not probs else 'will be rejected: ' + ', '.join(probs)}")
    return EXIT_OK


def _run_and_report(cfg: Any, out: str, beam_args: list[str], overwrite: bool, command: str, **kw: Any) -> int:
    from corpusgov.config import ConfigError
    from corpusgov.gates import gate_failed
    from corpusgov.heap import collections_spaced
    from corpusgov.run import RunError, run_governance

    t0 = time.monotonic()
    try:
        with collections_spaced():
            manifest = run_governance(cfg, out, beam_args, overwrite=overwrite, command=command, **kw)
    except RunError as e:
        raise CliError(str(e), EXIT_USAGE if "not empty" in str(e) else EXIT_FAILED) from None
    except ConfigError as e:  # e.g. a matched input file that resolves outside the input roots
        raise CliError(str(e), EXIT_USAGE) from None
    print(run_summary(manifest, os.path.abspath(out), time.monotonic() - t0))
    failed = gate_failed(manifest)
    if failed:
        print(f"critical gate(s) failed: {', '.join(failed)}", file=sys.stderr)
        return EXIT_GATE
    return EXIT_OK


def cmd_run(a: argparse.Namespace, beam_args: list[str]) -> int:
    cfg = _load(a.config)
    _check_inputs(cfg)
    _check_out(a.out)
    if a.base:
        _require_run(a.base)
        from corpusgov.incremental import run_incremental

        return run_incremental(cfg, a.out, a.base, beam_args, overwrite=a.overwrite)
    return _run_and_report(cfg, a.out, beam_args, a.overwrite, "run")


def cmd_scan(a: argparse.Namespace, beam_args: list[str]) -> int:
    from corpusgov.scan import scan_config

    _check_out(a.out)
    cfg = scan_config(a.paths, a.format, a.text_field, a.out)
    return _run_and_report(cfg, a.out, beam_args, a.overwrite, "scan")


def cmd_verify(a: argparse.Namespace, _: list[str]) -> int:
    from corpusgov.lineage.verify import verify_run

    if a.public_key and not os.path.isfile(a.public_key):
        raise CliError(f"{a.public_key}: no such public key file", EXIT_USAGE)
    report = verify_run(a.run_dir, public_key=a.public_key, require_signature=a.require_signature,
                        rerender=a.rerender)
    for line in report.lines():
        print(line)
    if not report.ok:
        raise CliError(f"verification failed: {report.first_failure()}", EXIT_VERIFY)
    print(report.summary())
    return EXIT_OK


def cmd_trace(a: argparse.Namespace, _: list[str]) -> int:
    from corpusgov.lineage.trace import TraceNotFound, trace_record

    _require_run(a.run_dir)
    if a.record_id is not None and not re.fullmatch(r"[0-9a-f]{32}", a.record_id):
        raise CliError(f"--record-id {a.record_id[:40]!r}: a record id is 32 lowercase hex characters", EXIT_USAGE)
    try:
        out = trace_record(a.run_dir, record_id=a.record_id, text=a.text)
    except TraceNotFound as e:
        raise CliError(str(e), EXIT_NOT_FOUND) from None
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_dashboard(a: argparse.Namespace, _: list[str]) -> int:
    from corpusgov.dashboard import write_dashboard

    manifest = _read_manifest(a.run_dir)
    paths = write_dashboard(a.run_dir, manifest, compare=a.compare)
    _reattest(a.run_dir, "dashboard")
    print(f"wrote {paths[0] if paths else 'nothing'}")
    return EXIT_OK


def cmd_audit_annotations(a: argparse.Namespace, beam_args: list[str]) -> int:
    from corpusgov.annotation_audit import run_audit

    res = run_audit(a.config, a.out, beam_args)
    print(json.dumps(res.get("summary", {k: res[k] for k in ("passed",) if k in res}), ensure_ascii=False, indent=2))
    return EXIT_OK if res.get("passed", False) else EXIT_GATE


def cmd_sample(a: argparse.Namespace, _: list[str]) -> int:
    from corpusgov.annotation.acceptance import draw_sample, next_steps, plan_warnings

    _require_run(a.run_dir)
    path = draw_sample(a.run_dir, size=a.size, seed=a.seed)
    _reattest(a.run_dir, "sample")
    with open(os.path.join(os.path.dirname(path), "plan.json"), encoding="utf-8") as f:
        plan = json.load(f)
    print(f"wrote {path}: {plan['sample_size']} of {plan['population']} kept records (seed {plan['seed']})")
    for w in plan_warnings(plan):
        log.warning("%s", w)
    print("next steps:\n" + "\n".join(f"  {i}. {s}" for i, s in enumerate(next_steps(a.run_dir), 1)))
    return EXIT_OK


def cmd_accept(a: argparse.Namespace, _: list[str]) -> int:
    from corpusgov.annotation.acceptance import accept
    from corpusgov.attest import record_acceptance

    _require_run(a.run_dir)
    res = accept(a.run_dir, a.verdicts, threshold=a.threshold, rule=a.rule)
    record_acceptance(a.run_dir, res)
    from corpusgov.render import render_all

    render_all(a.run_dir, _read_manifest(a.run_dir))  # the reports and cards state the acceptance result too
    att = _reattest(a.run_dir, "accept")
    shown = {k: v for k, v in res.items() if k not in ("failed_record_ids", "missing_record_ids")}
    print(json.dumps(shown, ensure_ascii=False, indent=2))
    why = "" if res["accepted"] else ": " + ", ".join(res["reasons"])
    print(f"{res['status']}{why} (rule: {res['rule_text']}); reports and dashboard re-rendered; run "
          + ("signed" if att.get("signed") else "attested UNSIGNED"))
    return EXIT_OK if res["accepted"] else EXIT_GATE


def cmd_forget(a: argparse.Namespace, _: list[str]) -> int:
    from corpusgov.forget import forget

    _require_run(a.run_dir)
    _check_out(a.out)
    res = forget(a.run_dir, a.request, a.out, overwrite=a.overwrite)
    print(json.dumps(res, ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_history(a: argparse.Namespace, _: list[str]) -> int:
    from corpusgov.lifecycle import history

    _require_run(a.run_dir)
    for line in history(a.run_dir):
        print(line)
    return EXIT_OK


def cmd_keygen(a: argparse.Namespace, _: list[str]) -> int:
    from corpusgov.lineage.signing import generate_keypair

    try:
        kid = generate_keypair(a.private, a.public)
    except FileExistsError as e:
        raise CliError(f"{e} (refusing to replace a signing key)", EXIT_USAGE) from None
    print(f"wrote {a.private} (keep secret) and {a.public}; keyid {kid}")
    return EXIT_OK


def _reattest(run_dir: str, reason: str) -> dict[str, Any]:
    """After a command changed a run: attest every file again (signed if a key is configured, else WARNING)."""
    from corpusgov.attest import reattest

    return reattest(run_dir, reason=reason)


def cmd_sign(a: argparse.Namespace, _: list[str]) -> int:
    from corpusgov.attest import AttestError, sign_run

    _require_run(a.run_dir)
    if not os.path.isfile(a.key):
        raise CliError(f"{a.key}: no such key file", EXIT_USAGE)
    try:
        path = sign_run(a.run_dir, a.key)
    except AttestError as e:
        raise CliError(str(e), EXIT_VERIFY) from None
    print(f"wrote {path}")
    return EXIT_OK


def _read_manifest(run_dir: str) -> dict[str, Any]:
    p = os.path.join(run_dir, "manifest.json")
    if not os.path.exists(p):
        raise CliError(f"{run_dir}: no manifest.json (not a completed corpusgov run)", EXIT_USAGE)
    with open(p, encoding="utf-8") as f:
        return json.load(f)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (exit 2) rather than the usage block plus the error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="corpusgov", description="Training-data governance on Apache Beam.")
    p.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    p.add_argument("--quiet", action="store_true", help="only warnings and the final summary")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, fn: Callable[..., int], help: str, beam: bool = False) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help + (
            " Unrecognised --options are passed to Apache Beam (e.g. --runner, --direct_num_workers)." if beam else ""))
        sp.set_defaults(fn=fn, beam=beam)
        return sp

    r = add("run", cmd_run, "Run the governance pipeline for a config.", beam=True)
    r.add_argument("--config", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--overwrite", action="store_true", help="replace a previous run in --out")
    r.add_argument("--base", help="previous run directory: govern only new or changed files (incremental)")
    v = add("validate-config", cmd_validate_config, "Validate a run config, its registry and policy.")
    v.add_argument("config")
    s = add("scan", cmd_scan, "Explore files before a registry exists (one implicit source, no source gates).",
            beam=True)
    s.add_argument("paths", nargs="+")
    s.add_argument("--out", required=True)
    s.add_argument("--format", choices=["jsonl", "parquet", "csv", "text"], help="default: from the file suffix")
    s.add_argument("--text-field", default="text")
    s.add_argument("--overwrite", action="store_true")
    ve = add("verify", cmd_verify, "Verify a run directory offline: every file's sha256, the manifest re-derived from "
             "the tables, Merkle roots, signature, chain.")
    ve.add_argument("run_dir")
    ve.add_argument("--public-key", help="ed25519 public key (PEM) the attestation must be signed with")
    ve.add_argument("--require-signature", action="store_true",
                    help="fail (exit 4) unless the attestation is signed and verified with --public-key")
    ve.add_argument("--rerender", action="store_true",
                    help="also re-render reports, dashboard, OpenLineage and Croissant and compare them")
    t = add("trace", cmd_trace, "Explain one record: source, origin, decisions, findings, inclusion proof.")
    t.add_argument("run_dir")
    g = t.add_mutually_exclusive_group(required=True)
    g.add_argument("--record-id")
    g.add_argument("--text", help="find a document by its exact content")
    d = add("dashboard", cmd_dashboard, "Regenerate dashboard.html for a run.")
    d.add_argument("run_dir")
    d.add_argument("--compare", help="another run directory: write compare.html (dashboard.html is left as it is)")
    an = add("audit-annotations", cmd_audit_annotations, "Audit annotation data (Art. 8).", beam=True)
    an.add_argument("--config", required=True)
    an.add_argument("--out", required=True)
    sa = add("sample", cmd_sample, "Draw the corpus acceptance sample (TC260-003 §9.2).")
    sa.add_argument("run_dir")
    sa.add_argument("--size", type=int, default=4000)
    sa.add_argument("--seed", type=int, default=0)
    ac = add("accept", cmd_accept, "Record reviewers' verdicts on the acceptance sample: accepted only when the "
             "sample meets the minimum, every record was reviewed and the rule holds (exit 3 when not accepted).")
    ac.add_argument("run_dir")
    ac.add_argument("verdicts")
    ac.add_argument("--threshold", type=float, default=0.96)
    ac.add_argument("--rule", choices=["wilson", "standard"], default="wilson",
                    help="wilson: the Wilson lower bound must reach the threshold (default); standard: the observed "
                         "pass rate, as TC260-003 §9.2 is written")
    fo = add("forget", cmd_forget, "Apply a takedown request: write a new run version without the records.")
    fo.add_argument("run_dir")
    fo.add_argument("--request", required=True)
    fo.add_argument("--out", required=True)
    fo.add_argument("--overwrite", action="store_true")
    hi = add("history", cmd_history, "Walk a run's manifest chain.")
    hi.add_argument("run_dir")
    kg = add("keygen", cmd_keygen, "Create an ed25519 key pair for signing manifests.")
    kg.add_argument("--private", required=True)
    kg.add_argument("--public", required=True)
    sg = add("sign", cmd_sign, "Sign a run's attestation (DSSE envelope, ed25519); refuses if files changed since.")
    sg.add_argument("run_dir")
    sg.add_argument("--key", required=True)
    return p


def _terminate_as_interrupt(signum: int, _frame: Any) -> None:
    """Ctrl-C and SIGTERM: silence Beam (its clean-up after an interrupt logs errors that are only noise)."""
    if not logging.getLogger("corpusgov").isEnabledFor(logging.DEBUG):
        for name in ("apache_beam", "apache_beam.runners.portability.local_job_service"):
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    as_command = argv is None  # the console script: an interruption may end the process at once
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        a, extra = parser.parse_known_args(argv)
    except SystemExit as e:  # argparse already printed one usage line
        return EXIT_USAGE if e.code else EXIT_OK
    if extra and not a.beam:
        print(f"corpusgov: error: unrecognised arguments: {' '.join(extra)}", file=sys.stderr)
        return EXIT_USAGE
    _setup_logging(a.debug, a.quiet)
    if as_command:
        import signal

        # `kill` (SIGTERM) ends a run like Ctrl-C does: the run is marked failed, never left `running`.
        signal.signal(signal.SIGTERM, _terminate_as_interrupt)
        signal.signal(signal.SIGINT, _terminate_as_interrupt)
    try:
        return a.fn(a, extra)
    except CliError as e:
        if a.debug:
            log.exception("failed")
        print(f"corpusgov: error: {e}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        if a.debug:
            raise
        print(f"corpusgov: interrupted ({a.command} stopped; nothing it wrote is complete)", file=sys.stderr)
        if as_command:
            # Beam's runner threads and worker processes would print their own tracebacks (or wait on each
            # other) during interpreter shutdown; the run is already marked failed, so end here.
            sys.stderr.flush()
            sys.stdout.flush()
            os._exit(EXIT_FAILED)
        return EXIT_FAILED
    except Exception as e:  # noqa: BLE001 - one readable line unless --debug
        if a.debug:
            raise
        msg = first_line(str(e))
        if isinstance(e, UsageError):  # ConfigError, AnnotationInputError, PiiEngineError, AttestError
            print(f"corpusgov: error: {msg[:500]}", file=sys.stderr)
            return e.code
        print(f"corpusgov: error: {type(e).__name__}: {msg[:300]} (use --debug for a traceback)", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
