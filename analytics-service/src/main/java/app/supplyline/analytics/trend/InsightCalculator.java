package app.supplyline.analytics.trend;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.ranking.NaturalRanking;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What moved with a parent's pumped volume, tested honestly. Two kinds of question:
 * <ul>
 * <li>Check-in factors (sleep, water, stress; the same day and the day before): Spearman's rank correlation between
 * the factor and the day's pumped volume, partial on the number of pumpings that day — a day with more pumpings has
 * more milk, and a factor that only follows the number of pumpings says nothing of its own. Tested from
 * {@link #MIN_DAYS} paired days on.</li>
 * <li>Setups: mL per pumping with hands-on pumping against without, and between the two most used setups (pump and
 * flange size), each side with at least {@link #MIN_SESSIONS} pumpings: the difference of means with Welch's t-test
 * and its 95 % interval.</li>
 * </ul>
 * All the tests made for the parent are one family: Benjamini–Hochberg adjusts their p-values (q), and a finding is
 * told only with q below the configured level and an effect worth telling (|ρ| ≥ {@link #MIN_RHO}; a difference of
 * at least {@link #MIN_DIFFERENCE_PCT} % of the other side's mean). Still a tendency over one parent's weeks, never
 * proof of a cause; the words are the report's ({@code InsightTexts}).
 */
public final class InsightCalculator {

    public static final int MIN_DAYS = 14;
    public static final double MIN_RHO = 0.4;
    public static final int MIN_SESSIONS = 10;
    public static final double MIN_DIFFERENCE_PCT = 10;

    private InsightCalculator() {
    }

    public enum Factor { SLEEP, WATER, STRESS, HANDS_ON, SETUP }

    public enum Lag { SAME_DAY, PREVIOUS_DAY }

    /** A group of pumpings compared: its setup, how many, their mean in mL. */
    public record Group(Boolean handsOn, String pump, Double flangeSizeMm, int pumpings, double meanMl) {
    }

    /**
     * A finding. A check-in factor has its {@code lag}, {@code rho} (partial on the number of pumpings, unrounded) over
     * {@code n} days; a setup has the two groups, {@code n} pumpings in all, and the difference of {@code group}'s
     * mean minus {@code against}'s with its 95 % interval. {@code p} as tested, {@code q} adjusted over the family.
     */
    public record Insight(Factor factor, Lag lag, Double rho, int n, double p, double q, Group group, Group against,
            Double differenceMl, Double lowMl, Double highMl) {
    }

    /** The findings, strongest first; the days with both a check-in and pumped volume; how many tests were made. */
    public record Insights(int pairedDays, int tests, List<Insight> insights) {
    }

    public static Insights compute(List<DailySupply> days, List<CheckIn> checkIns, List<Pumping> pumpings,
            double qLevel) {
        Map<LocalDate, CheckIn> byDate = checkIns.stream().collect(Collectors.toMap(CheckIn::date, c -> c, (a, b) -> b));
        List<DailySupply> withVolume = days.stream().filter(DailySupply::hasPumpedVolume).toList();
        int paired = (int) withVolume.stream().filter(d -> byDate.containsKey(d.date())).count();
        List<Insight> tested = new ArrayList<>();
        for (Lag lag : Lag.values()) {
            correlate(tested, withVolume, byDate, lag, Factor.SLEEP, CheckIn::sleepHours);
            correlate(tested, withVolume, byDate, lag, Factor.WATER, c -> c.waterMl() == null ? null : c.waterMl().doubleValue());
            correlate(tested, withVolume, byDate, lag, Factor.STRESS, c -> c.stress() == null ? null : c.stress().doubleValue());
        }
        handsOn(tested, pumpings);
        setups(tested, pumpings);
        List<Insight> adjusted = benjaminiHochberg(tested);
        List<Insight> told = adjusted.stream().filter(i -> i.q() < qLevel && worthTelling(i))
                .sorted(Comparator.comparingDouble(Insight::q)).toList();
        return new Insights(paired, tested.size(), told);
    }

    /**
     * The effect floors; a comparison also needs its 95 % interval clear of no difference, so that the interval told
     * never contradicts the sentence (q may pass at 0.1 where p is 0.07).
     */
    private static boolean worthTelling(Insight i) {
        if (i.rho() != null) {
            return Math.abs(i.rho()) >= MIN_RHO;
        }
        return i.against().meanMl() > 0 && Math.abs(i.differenceMl()) / i.against().meanMl() * 100 >= MIN_DIFFERENCE_PCT
                && (i.lowMl() > 0 || i.highMl() < 0);
    }

    /** Spearman's ρ of the factor and the day's volume, partial on the day's number of pumpings. */
    private static void correlate(List<Insight> tested, List<DailySupply> days, Map<LocalDate, CheckIn> checkIns,
            Lag lag, Factor factor, Function<CheckIn, Double> value) {
        List<double[]> rows = new ArrayList<>();
        for (DailySupply day : days) {
            CheckIn c = checkIns.get(lag == Lag.SAME_DAY ? day.date() : day.date().minusDays(1));
            Double x = c == null ? null : value.apply(c);
            if (x != null) {
                rows.add(new double[] {x, day.totalMl(), day.pumpingSessions()});
            }
        }
        int n = rows.size();
        if (n < MIN_DAYS) {
            return;
        }
        NaturalRanking ranking = new NaturalRanking();
        double[] x = ranking.rank(rows.stream().mapToDouble(r -> r[0]).toArray());
        double[] y = ranking.rank(rows.stream().mapToDouble(r -> r[1]).toArray());
        double[] s = ranking.rank(rows.stream().mapToDouble(r -> r[2]).toArray());
        PearsonsCorrelation pearson = new PearsonsCorrelation();
        double rxy = pearson.correlation(x, y);
        boolean constantPumpings = rows.stream().allMatch(r -> r[2] == rows.get(0)[2]);
        double rho;
        int df;
        if (constantPumpings) {
            rho = rxy;
            df = n - 2;
        } else {
            double rxs = pearson.correlation(x, s);
            double rys = pearson.correlation(y, s);
            double rest = (1 - rxs * rxs) * (1 - rys * rys);
            if (!(rest > 1e-12)) {
                return; // the factor or the volume is the number of pumpings itself: nothing of its own to find
            }
            rho = (rxy - rxs * rys) / Math.sqrt(rest);
            df = n - 3;
        }
        if (!Double.isFinite(rho)) {
            return; // a factor or a volume that never changed
        }
        rho = Math.max(-1, Math.min(1, rho));
        double p = Math.abs(rho) == 1 ? 0 : 2 * new TDistribution(df)
                .cumulativeProbability(-Math.abs(rho) * Math.sqrt(df / (1 - rho * rho)));
        tested.add(new Insight(factor, lag, rho, n, p, p, null, null, null, null, null));
    }

    private static void handsOn(List<Insight> tested, List<Pumping> pumpings) {
        List<Pumping> with = pumpings.stream().filter(p -> Boolean.TRUE.equals(p.handsOn())).toList();
        List<Pumping> without = pumpings.stream().filter(p -> Boolean.FALSE.equals(p.handsOn())).toList();
        compare(tested, Factor.HANDS_ON, with, without,
                (group, mean) -> new Group(group.get(0).handsOn(), null, null, group.size(), mean));
    }

    /** The two most used setups (pump and flange size) with enough pumpings each, the better one first. */
    private static void setups(List<Insight> tested, List<Pumping> pumpings) {
        Map<String, List<Pumping>> bySetup = new LinkedHashMap<>();
        for (Pumping p : pumpings) {
            if (p.pump() != null && !p.pump().isBlank() || p.flangeSizeMm() != null) {
                bySetup.computeIfAbsent(setupKey(p), k -> new ArrayList<>()).add(p);
            }
        }
        List<List<Pumping>> used = bySetup.values().stream().filter(g -> g.size() >= MIN_SESSIONS)
                .sorted(Comparator.comparingInt((List<Pumping> g) -> -g.size())).limit(2).toList();
        if (used.size() < 2) {
            return;
        }
        List<Pumping> a = used.get(0);
        List<Pumping> b = used.get(1);
        if (mean(a) < mean(b)) {
            List<Pumping> t = a;
            a = b;
            b = t;
        }
        compare(tested, Factor.SETUP, a, b, InsightCalculator::setup);
    }

    private static String setupKey(Pumping p) {
        String pump = p.pump() == null ? "" : p.pump().strip().toLowerCase(Locale.ROOT);
        return pump + "|" + (p.flangeSizeMm() == null ? "" : p.flangeSizeMm());
    }

    private static Group setup(List<Pumping> group, double meanMl) {
        Pumping first = group.get(0);
        return new Group(null, first.pump() == null ? null : first.pump().strip(), first.flangeSizeMm(), group.size(),
                meanMl);
    }

    /**
     * Welch's t-test of the two groups' means and the 95 % interval of their difference; {@code describe} makes
     * each side's {@link Group} from its pumpings and their mean.
     */
    private static void compare(List<Insight> tested, Factor factor, List<Pumping> a, List<Pumping> b,
            BiFunction<List<Pumping>, Double, Group> describe) {
        if (a.size() < MIN_SESSIONS || b.size() < MIN_SESSIONS) {
            return;
        }
        SummaryStatistics sa = stats(a);
        SummaryStatistics sb = stats(b);
        double va = sa.getVariance() / sa.getN();
        double vb = sb.getVariance() / sb.getN();
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return; // identical volumes on each side: nothing to test
        }
        double difference = sa.getMean() - sb.getMean();
        double df = (va + vb) * (va + vb) / (va * va / (sa.getN() - 1) + vb * vb / (sb.getN() - 1));
        TDistribution t = new TDistribution(df);
        double p = 2 * t.cumulativeProbability(-Math.abs(difference) / se);
        double half = t.inverseCumulativeProbability(0.975) * se;
        Group first = describe.apply(a, round(sa.getMean(), 1));
        Group second = describe.apply(b, round(sb.getMean(), 1));
        tested.add(new Insight(factor, null, null, a.size() + b.size(), p, p, first, second, round(difference, 1),
                round(difference - half, 1), round(difference + half, 1)));
    }

    /** Benjamini–Hochberg: q_(i) = min over j ≥ i of p_(j)·m/j, at most 1. */
    static List<Insight> benjaminiHochberg(List<Insight> tested) {
        int m = tested.size();
        List<Insight> byP = tested.stream().sorted(Comparator.comparingDouble(Insight::p)).toList();
        double[] q = new double[m];
        double min = 1;
        for (int i = m - 1; i >= 0; i--) {
            min = Math.min(min, byP.get(i).p() * m / (i + 1));
            q[i] = min;
        }
        List<Insight> adjusted = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            Insight t = byP.get(i);
            adjusted.add(new Insight(t.factor(), t.lag(), t.rho(), t.n(), t.p(), q[i], t.group(), t.against(),
                    t.differenceMl(), t.lowMl(), t.highMl()));
        }
        return adjusted;
    }

    private static SummaryStatistics stats(List<Pumping> group) {
        SummaryStatistics s = new SummaryStatistics();
        group.forEach(p -> s.addValue(p.totalMl()));
        return s;
    }

    private static double mean(List<Pumping> group) {
        return stats(group).getMean();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
