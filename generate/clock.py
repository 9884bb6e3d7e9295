"""When things happen: order days drawn with a growth trend, a yearly season (a December
peak, a summer dip) and a weekly rhythm (quiet weekends), at believable times of day."""

from __future__ import annotations

import numpy as np

from generate.settings import DAY, HISTORY_DAYS, HOUR, Settings

# Monday .. Sunday.
WEEKDAY_WEIGHT = np.array([1.10, 1.15, 1.10, 1.05, 1.00, 0.60, 0.45])
# Orders arrive mostly in office hours, with a lunch dip and an evening tail.
HOUR_WEIGHT = np.array(
    [1, 1, 1, 1, 1, 2, 4, 8, 14, 18, 19, 17, 12, 15, 17, 16, 14, 11, 9, 8, 6, 4, 3, 2], float
)
YEARLY_AMPLITUDE = 0.25
ANNUAL_GROWTH = 0.18


def day_weights(settings: Settings) -> np.ndarray:
    """Relative order volume of each history day (index 0 = the first day)."""
    day = np.arange(HISTORY_DAYS)
    epoch_day = settings.start // DAY + day
    weekday = (epoch_day + 3) % 7  # 1970-01-01 was a Thursday
    day_of_year = (epoch_day - epoch_day.astype("datetime64[D]").astype("datetime64[Y]")
                   .astype("datetime64[D]").astype(np.int64))  # fmt: skip
    season = 1 + YEARLY_AMPLITUDE * np.cos(2 * np.pi * (day_of_year - 350) / 365.25)
    trend = (1 + ANNUAL_GROWTH) ** (day / 365.25)
    return trend * season * WEEKDAY_WEIGHT[weekday]


def order_times(rng: np.random.Generator, settings: Settings, count: int) -> np.ndarray:
    """`count` sorted instants in the history, following the seasons and office hours."""
    weights = day_weights(settings)
    day = rng.choice(weights.size, size=count, p=weights / weights.sum())
    hour = rng.choice(24, size=count, p=HOUR_WEIGHT / HOUR_WEIGHT.sum())
    second = rng.integers(0, HOUR, size=count)
    return np.sort(settings.start + day * DAY + hour * HOUR + second)
