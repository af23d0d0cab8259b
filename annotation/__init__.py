"""Annotation audit (Measures Art. 8, TC260-003 §5.3) and corpus acceptance sampling (§9.2); pure, no Beam."""
