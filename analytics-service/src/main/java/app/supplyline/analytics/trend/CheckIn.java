package app.supplyline.analytics.trend;

import java.time.LocalDate;

/** A parent's wellbeing check-in for one local day; each factor may be missing. */
public record CheckIn(LocalDate date, Double sleepHours, Integer waterMl, Integer stress) {
}
