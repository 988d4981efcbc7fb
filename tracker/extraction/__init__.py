"""Proposing commitments from articles: sentences, cues, parties, deadlines, matching."""
