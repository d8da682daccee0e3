package app.supplyline.analytics.trend;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which wellbeing factors move with a parent's daily volume: Spearman's rank correlation (ties averaged) between
 * the day's pumped volume and sleep, water and stress of the same day and of the day before. Reported only with
 * at least {@link #MIN_DAYS} paired days and |ρ| ≥ {@link #MIN_RHO}, and worded as a tendency, since a correlation
 * over a few weeks of one parent is not a cause.
 */
public final class InsightCalculator {

    public static final int MIN_DAYS = 14;
    public static final double MIN_RHO = 0.4;
    /** Each side of a comparison needs this many days before a percentage is stated. */
    static final int MIN_GROUP_DAYS = 3;

    private InsightCalculator() {
    }

    public enum Factor { SLEEP, WATER, STRESS }

    public enum Lag { SAME_DAY, PREVIOUS_DAY }

    public record Insight(Factor factor, Lag lag, double rho, int n, String text) {
    }

    /** The insights, strongest first, and the number of days that had both a check-in and volume. */
    public record Insights(int pairedDays, List<Insight> insights, String why) {
    }

    public static Insights compute(List<DailySupply> days, List<CheckIn> checkIns) {
        Map<LocalDate, CheckIn> byDate = checkIns.stream().collect(Collectors.toMap(CheckIn::date, c -> c, (a, b) -> b));
        List<DailySupply> withVolume = days.stream().filter(DailySupply::hasPumpedVolume).toList();
        int paired = (int) withVolume.stream().filter(d -> byDate.containsKey(d.date())).count();
        if (paired < MIN_DAYS) {
            return new Insights(paired, List.of(), String.format(Locale.ROOT,
                    "Insights need at least %d days with both a check-in and pumped volume; you have %d.",
                    MIN_DAYS, paired));
        }
        List<Insight> insights = new ArrayList<>();
        for (Lag lag : Lag.values()) {
            add(insights, withVolume, byDate, lag, Factor.SLEEP, CheckIn::sleepHours, 6.0);
            add(insights, withVolume, byDate, lag, Factor.WATER, c -> c.waterMl() == null ? null : c.waterMl().doubleValue(), null);
            add(insights, withVolume, byDate, lag, Factor.STRESS, c -> c.stress() == null ? null : c.stress().doubleValue(), 4.0);
        }
        insights.sort(Comparator.comparingDouble((Insight i) -> -Math.abs(i.rho())));
        return new Insights(paired, List.copyOf(insights), insights.isEmpty()
                ? String.format(Locale.ROOT, "No factor moved with your volume clearly enough (|ρ| ≥ %.1f) over %d days.",
                        MIN_RHO, paired)
                : null);
    }

    /**
     * @param cut the value splitting "low" from "high" days for the sentence (below it vs at or above it); null
     *            for the median of the observed values
     */
    private static void add(List<Insight> insights, List<DailySupply> days, Map<LocalDate, CheckIn> checkIns, Lag lag,
            Factor factor, Function<CheckIn, Double> value, Double cut) {
        List<double[]> pairs = new ArrayList<>();
        for (DailySupply day : days) {
            CheckIn c = checkIns.get(lag == Lag.SAME_DAY ? day.date() : day.date().minusDays(1));
            Double x = c == null ? null : value.apply(c);
            if (x != null) {
                pairs.add(new double[] {x, day.totalMl()});
            }
        }
        if (pairs.size() < MIN_DAYS) {
            return;
        }
        double[] xs = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] ys = pairs.stream().mapToDouble(p -> p[1]).toArray();
        double rho = new SpearmansCorrelation().correlation(xs, ys);
        if (Double.isNaN(rho) || Math.abs(rho) < MIN_RHO) {
            return;
        }
        double split = cut != null ? cut : median(xs);
        double low = mean(pairs, p -> p[0] < split);
        double high = mean(pairs, p -> p[0] >= split);
        long lowDays = pairs.stream().filter(p -> p[0] < split).count();
        long highDays = pairs.size() - lowDays;
        double roundedRho = Math.round(rho * 100) / 100.0;
        insights.add(new Insight(factor, lag, roundedRho, pairs.size(),
                sentence(factor, lag, rho, split, low, high, lowDays, highDays, pairs.size())));
    }

    private static String sentence(Factor factor, Lag lag, double rho, double split, double low, double high,
            long lowDays, long highDays, int n) {
        String when = lag == Lag.SAME_DAY ? "on days with" : "on days after";
        String lowSide = switch (factor) {
            case SLEEP -> String.format(Locale.ROOT, "less than %s h of sleep", trim(split));
            case WATER -> String.format(Locale.ROOT, "less than %s mL of water", trim(split));
            case STRESS -> String.format(Locale.ROOT, "stress below %s of 5", trim(split));
        };
        String basis = String.format(Locale.ROOT, " (Spearman ρ = %.2f over %d days; a tendency, not proof of a cause)", rho, n);
        if (lowDays >= MIN_GROUP_DAYS && highDays >= MIN_GROUP_DAYS && high > 0) {
            double pct = Math.round(Math.abs(low - high) / high * 100);
            String direction = low < high ? "lower" : "higher";
            return String.format(Locale.ROOT, "%s %s your output was %.0f %% %s%s.",
                    capitalise(when), lowSide, pct, direction, basis);
        }
        String more = switch (factor) {
            case SLEEP -> "more sleep";
            case WATER -> "more water";
            case STRESS -> "more stress";
        };
        return String.format(Locale.ROOT, "Your output tended to be %s %s %s%s.", rho > 0 ? "higher" : "lower", when,
                more, basis);
    }

    private static double mean(List<double[]> pairs, java.util.function.Predicate<double[]> which) {
        return pairs.stream().filter(which).mapToDouble(p -> p[1]).average().orElse(0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
