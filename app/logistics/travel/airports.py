"""The airports the app knows the time zone of. A flight's time is typed as the airport's clock
shows it; an airport not listed here (any three letters) is taken to be in the meeting's zone,
since the legs we record land at or leave from the meeting's city."""
from __future__ import annotations

import re

AIRPORT_CODE = re.compile(r"^[A-Z]{3}$")

ZONES = {
    # Korea
    "ICN": "Asia/Seoul", "GMP": "Asia/Seoul", "PUS": "Asia/Seoul", "CJU": "Asia/Seoul",
    "TAE": "Asia/Seoul", "CJJ": "Asia/Seoul",
    # the region and the hubs delegations fly through
    "NRT": "Asia/Tokyo", "HND": "Asia/Tokyo", "KIX": "Asia/Tokyo",
    "PEK": "Asia/Shanghai", "PKX": "Asia/Shanghai", "PVG": "Asia/Shanghai",
    "CAN": "Asia/Shanghai", "HKG": "Asia/Hong_Kong", "TPE": "Asia/Taipei",
    "BKK": "Asia/Bangkok", "DMK": "Asia/Bangkok", "PNH": "Asia/Phnom_Penh",
    "KTI": "Asia/Phnom_Penh", "VTE": "Asia/Vientiane", "SGN": "Asia/Ho_Chi_Minh",
    "HAN": "Asia/Ho_Chi_Minh", "KUL": "Asia/Kuala_Lumpur", "SIN": "Asia/Singapore",
    "CGK": "Asia/Jakarta", "MNL": "Asia/Manila", "RGN": "Asia/Yangon",
    "DXB": "Asia/Dubai", "AUH": "Asia/Dubai", "DOH": "Asia/Qatar",
    "CDG": "Europe/Paris", "LYS": "Europe/Paris", "FRA": "Europe/Berlin",
    "LHR": "Europe/London", "IST": "Europe/Istanbul", "SYD": "Australia/Sydney",
    "JFK": "America/New_York", "GRU": "America/Sao_Paulo", "ADD": "Africa/Addis_Ababa",
}


def zone_of(code: str, default: str) -> str:
    return ZONES.get(code, default)
