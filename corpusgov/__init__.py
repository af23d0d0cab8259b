"""corpusgov: training-data governance for generative AI services (Interim Measures Art. 7, 8, 19)."""

__version__ = "0.1.0"
