package app.supplyline.analytics.trend;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Computes a parent's {@link TrendMetrics} from their days; pure. */
public final class SupplyTrendCalculator {

    public static final int WINDOW_DAYS = 7;
    static final int SLOPE_DAYS = 14;

    private SupplyTrendCalculator() {
    }

    /**
     * @param days      the parent's days, covering at least the 14 days before {@code asOf} (others ignored)
     * @param asOf      the day after the last complete day: C ends the day before it
     * @param usingSince the first day the parent logged anything (null: unknown), for the rule set without a birth date
     */
    public static TrendMetrics compute(List<DailySupply> days, LocalDate asOf, ParentProfile profile,
            LocalDate usingSince, TrendThresholds t) {
        RuleSet rules = ruleSet(profile, asOf, usingSince, t);
        int minRemovals = t.minRemovalsPerDay(profile.babyAgeWeeks(asOf));
        LocalDate currentFrom = asOf.minusDays(WINDOW_DAYS);
        LocalDate baselineFrom = asOf.minusDays(2L * WINDOW_DAYS);
        List<DailySupply> current = window(days, currentFrom, asOf.minusDays(1));
        List<DailySupply> baseline = window(days, baselineFrom, currentFrom.minusDays(1));
        Double c = averageTotal(current);
        Double b = averageTotal(baseline);
        LevelKind kind = LevelKind.of(profile.feedingMode());
        Double cLevel = level(current, kind);
        Double bLevel = level(baseline, kind);

        int maxGapMinutes = (int) Math.round(t.maxGapHours() * 60);
        boolean gapRule = rules == RuleSet.EARLY;
        int regular = 0;
        int gaps = 0;
        int shortGaps = 0;
        Integer longest = null;
        for (DailySupply d : current) {
            boolean gapOk = !gapRule || d.longestGapMinutes() == null || d.longestGapMinutes() <= maxGapMinutes;
            if (d.removals() > 0 && d.removals() >= minRemovals && gapOk) {
                regular++;
            }
            if (d.longestGapMinutes() != null) {
                longest = longest == null ? d.longestGapMinutes() : Math.max(longest, d.longestGapMinutes());
            }
            for (int gap : d.gapsMinutes()) {
                gaps++;
                shortGaps += gap <= maxGapMinutes ? 1 : 0;
            }
        }
        Double adherence = gaps == 0 ? null : round1(100.0 * shortGaps / gaps);
        Double perDayBefore = removalsPerLoggedDay(baseline);
        Double perDayNow = removalsPerLoggedDay(current);
        return new TrendMetrics(currentFrom, asOf.minusDays(1), baselineFrom, currentFrom.minusDays(1),
                profile.feedingMode(), rules, roundOrNull(c), roundOrNull(b), change(c, b),
                slope(window(days, asOf.minusDays(SLOPE_DAYS), asOf.minusDays(1))), kind, roundOrNull(cLevel),
                roundOrNull(bLevel), change(cLevel, bLevel), perDayNow == null ? 0 : round1(perDayNow),
                roundOrNull(perDayBefore), (int) current.stream().filter(d -> d.removals() > 0).count(), regular,
                adherence, longest, (int) current.stream().filter(DailySupply::hasPumpedVolume).count(),
                (int) baseline.stream().filter(DailySupply::hasPumpedVolume).count());
    }

    /**
     * EARLY while the baby is younger than the early weeks; with the birth date unknown, while the parent is in
     * their first early weeks of logging (or nothing is known of when they started).
     */
    static RuleSet ruleSet(ParentProfile profile, LocalDate asOf, LocalDate usingSince, TrendThresholds t) {
        Integer weeks = profile.babyAgeWeeks(asOf);
        if (weeks == null) {
            weeks = usingSince == null ? 0 : (int) ChronoUnit.WEEKS.between(usingSince, asOf);
        }
        return weeks < t.earlyWeeks() ? RuleSet.EARLY : RuleSet.ESTABLISHED;
    }

    /** From the unrounded values, so that the change does not depend on the unit the volumes came in. */
    private static Double change(Double now, Double before) {
        return now == null || before == null || before == 0 ? null : round1((now - before) / before * 100);
    }

    /**
     * Theil–Sen estimator: the median of the slopes between every pair of days with volume, in mL per day; robust,
     * so one odd day does not swing it. Null with fewer than two such days.
     */
    static Double slope(List<DailySupply> days) {
        List<DailySupply> withVolume = days.stream().filter(DailySupply::hasPumpedVolume).toList();
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < withVolume.size(); i++) {
            for (int j = i + 1; j < withVolume.size(); j++) {
                long dx = withVolume.get(j).date().toEpochDay() - withVolume.get(i).date().toEpochDay();
                slopes.add((withVolume.get(j).totalMl() - withVolume.get(i).totalMl()) / dx);
            }
        }
        if (slopes.isEmpty()) {
            return null;
        }
        double[] sorted = slopes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return round1(median);
    }

    private static List<DailySupply> window(List<DailySupply> days, LocalDate from, LocalDate to) {
        return days.stream().filter(d -> !d.date().isBefore(from) && !d.date().isAfter(to)).toList();
    }

    private static Double averageTotal(List<DailySupply> days) {
        return days.stream().filter(DailySupply::hasPumpedVolume).mapToDouble(DailySupply::totalMl).average().stream()
                .boxed().findFirst().orElse(null);
    }

    private static Double level(List<DailySupply> days, LevelKind kind) {
        if (kind == null) {
            return null;
        }
        if (kind == LevelKind.DAILY_TOTAL) {
            return averageTotal(days);
        }
        List<DailySupply> withVolume = days.stream().filter(DailySupply::hasPumpedVolume).toList();
        int sessions = withVolume.stream().mapToInt(DailySupply::pumpingSessions).sum();
        return sessions == 0 ? null : withVolume.stream().mapToDouble(DailySupply::totalMl).sum() / sessions;
    }

    private static Double removalsPerLoggedDay(List<DailySupply> days) {
        List<DailySupply> logged = days.stream().filter(d -> d.removals() > 0).toList();
        return logged.isEmpty() ? null : logged.stream().mapToInt(DailySupply::removals).average().orElseThrow();
    }

    private static Double roundOrNull(Double value) {
        return value == null ? null : round1(value);
    }

    public static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
