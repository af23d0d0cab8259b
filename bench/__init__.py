"""corpusgov benchmark: synthetic corpus, end-to-end runs, per-stage rates, identity ceiling, DataTrove peer."""
