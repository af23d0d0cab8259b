"""Evaluation of the annotation audit's statistics: coverage simulations and real crowd data sets."""
