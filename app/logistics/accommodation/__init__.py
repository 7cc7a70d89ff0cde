"""Accommodation: hotels, room blocks, rooms shared within their occupancy, rooming lists."""
