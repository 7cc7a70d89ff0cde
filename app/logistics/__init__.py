"""Logistics: hotels and rooming, flights and transfers, meals and catering (one module each)."""
