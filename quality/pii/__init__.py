"""Personal-information detection (Art. 7(3)): offline Presidio engine with Chinese recognizers."""
