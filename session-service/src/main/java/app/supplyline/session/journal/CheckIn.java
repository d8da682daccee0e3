package app.supplyline.session.journal;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The factors that affect supply on one local day (DOMAIN.md): sleep, water, stress (1 calm – 5 very stressed). */
public record CheckIn(LocalDate date, BigDecimal sleepHours, Integer waterMl, Integer stress, String notes) {
}
