"""AEFI settings read from the app config, with the national defaults (config keys AEFI_*, DEVICE_SILENT_DAYS)."""

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app

from webapp.domain.aefi.silence import REFERENCE_RATE
from webapp.domain.aefi.timers import Limits
from webapp.services import county

DEFAULTS = {
    "AEFI_REPORT_HOURS": 48, "AEFI_URGENT_REPORT_HOURS": 2, "AEFI_INVESTIGATION_START_HOURS": 48,
    "AEFI_INVESTIGATION_FORM_DAYS": 3, "AEFI_PRELIMINARY_REPORT_DAYS": 7, "AEFI_CONCLUSION_DAYS": 30,
    "AEFI_DUE_SOON_FRACTION": 0.25, "AEFI_REFERENCE_RATE": REFERENCE_RATE, "AEFI_POISSON_THRESHOLD": 0.05,
    "AEFI_ZERO_REPORT_GRACE_DAYS": 5, "AEFI_LOT_WINDOW_DAYS": 30, "AEFI_LOT_THRESHOLD": 0.01,
    "DEVICE_SILENT_DAYS": 7, "AEFI_CLUSTER_DAYS": 7, "AEFI_CLUSTER_MIN": 2,
}


@dataclass(frozen=True)
class AefiSettings:
    """Everything the AEFI pages compute with."""

    limits: Limits
    reference_rate: float
    poisson_threshold: float
    grace_days: int
    lot_window: timedelta
    lot_threshold: float
    device_silent_days: int
    cadence: str
    timezone: str


def aefi_settings() -> AefiSettings:
    """The current app's AEFI settings."""
    cfg = {key: current_app.config.get(key, default) for key, default in DEFAULTS.items()}
    limits = Limits(cfg["AEFI_REPORT_HOURS"], cfg["AEFI_URGENT_REPORT_HOURS"], cfg["AEFI_INVESTIGATION_START_HOURS"],
                    cfg["AEFI_INVESTIGATION_FORM_DAYS"], cfg["AEFI_PRELIMINARY_REPORT_DAYS"],
                    cfg["AEFI_CONCLUSION_DAYS"], cfg["AEFI_DUE_SOON_FRACTION"])
    return AefiSettings(limits, float(cfg["AEFI_REFERENCE_RATE"]), float(cfg["AEFI_POISSON_THRESHOLD"]),
                        int(cfg["AEFI_ZERO_REPORT_GRACE_DAYS"]), timedelta(days=cfg["AEFI_LOT_WINDOW_DAYS"]),
                        float(cfg["AEFI_LOT_THRESHOLD"]), int(cfg["DEVICE_SILENT_DAYS"]),
                        county.cadence(), county.zone().key)


def cluster_settings() -> tuple[int, int]:
    """(days, cases): a unit's cases after one vaccine with onsets that many days apart at most, that many or more,
    are a suspected cluster (AEFI_CLUSTER_DAYS, AEFI_CLUSTER_MIN)."""
    cfg = current_app.config
    return (int(cfg.get("AEFI_CLUSTER_DAYS", DEFAULTS["AEFI_CLUSTER_DAYS"])),
            int(cfg.get("AEFI_CLUSTER_MIN", DEFAULTS["AEFI_CLUSTER_MIN"])))
