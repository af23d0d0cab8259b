"""Measurement scripts and labelled data for the quality annotators."""
