package app.supplyline.analytics.trend;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Computes a parent's {@link TrendMetrics} from their days; pure. */
public final class SupplyTrendCalculator {

    static final int WINDOW_DAYS = 7;
    static final int SLOPE_DAYS = 14;

    private SupplyTrendCalculator() {
    }

    /**
     * @param days the parent's days, covering at least the 14 complete days before {@code today} (others ignored)
     * @param minRemovalsPerDay the regularity threshold for this parent (depends on the baby's age)
     */
    public static TrendMetrics compute(List<DailySupply> days, LocalDate today, int minRemovalsPerDay,
            TrendThresholds t) {
        List<DailySupply> current = window(days, today.minusDays(WINDOW_DAYS), today.minusDays(1));
        List<DailySupply> baseline = window(days, today.minusDays(2L * WINDOW_DAYS), today.minusDays(WINDOW_DAYS + 1));
        Double c = averageVolume(current);
        Double b = averageVolume(baseline);
        // from the unrounded averages, so that the change does not depend on the unit the volumes came in
        Double change = c == null || b == null || b == 0 ? null : round1((c - b) / b * 100);

        int maxGapMinutes = (int) Math.round(t.maxGapHours() * 60);
        int regular = 0;
        int gaps = 0;
        int shortGaps = 0;
        int removals = 0;
        Integer longest = null;
        for (DailySupply d : current) {
            removals += d.removals();
            boolean gapOk = d.longestGapMinutes() == null || d.longestGapMinutes() <= maxGapMinutes;
            if (d.removals() >= minRemovalsPerDay && gapOk && d.removals() > 0) {
                regular++;
            }
            if (d.longestGapMinutes() != null) {
                longest = longest == null ? d.longestGapMinutes() : Math.max(longest, d.longestGapMinutes());
            }
        }
        for (DailySupply d : current) {
            for (int gap : d.gapsMinutes()) {
                gaps++;
                shortGaps += gap <= maxGapMinutes ? 1 : 0;
            }
        }
        Double adherence = gaps == 0 ? null : round1(100.0 * shortGaps / gaps);
        return new TrendMetrics(roundOrNull(c), roundOrNull(b), change, slope(window(days, today.minusDays(SLOPE_DAYS), today.minusDays(1))),
                round1((double) removals / WINDOW_DAYS), regular, adherence, longest,
                (int) current.stream().filter(DailySupply::hasPumpedVolume).count(),
                (int) baseline.stream().filter(DailySupply::hasPumpedVolume).count());
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

    private static Double averageVolume(List<DailySupply> days) {
        double[] volumes = days.stream().filter(DailySupply::hasPumpedVolume).mapToDouble(DailySupply::totalMl).toArray();
        return volumes.length == 0 ? null : Arrays.stream(volumes).average().orElseThrow();
    }

    private static Double roundOrNull(Double value) {
        return value == null ? null : round1(value);
    }

    public static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
