package app.supplyline.analytics.trend;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static app.supplyline.analytics.trend.TrendFixtures.PARIS;
import static app.supplyline.analytics.trend.TrendFixtures.TODAY;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Properties the trend must keep whatever the parent's data (jqwik generates the data). */
class TrendPropertiesTest {

    private static final TrendThresholds T = TrendThresholds.defaults();

    /** Three weeks of pumpings with per-side volumes of one decimal, as the API accepts them. */
    @Provide
    Arbitrary<List<Removal>> weeks() {
        return Arbitraries.longs().map(seed -> {
            Random random = new Random(seed);
            List<Removal> removals = new ArrayList<>();
            for (int d = 21; d >= 1; d--) {
                LocalDate date = TODAY.minusDays(d);
                int perDay = 3 + random.nextInt(8);
                for (int i = 0; i < perDay; i++) {
                    Instant start = ZonedDateTime.of(date.atTime(0, 15), PARIS)
                            .plusMinutes(i * (1380L / perDay) + random.nextInt(30)).toInstant();
                    removals.add(new Removal(start, start.plus(Duration.ofMinutes(15 + random.nextInt(20))),
                            random.nextInt(10) > 0, (200 + random.nextInt(1000)) / 10.0, (200 + random.nextInt(1000)) / 10.0));
                }
            }
            return removals;
        });
    }

    @Property
    void scalingEveryVolumeNeverChangesTheChangeOrTheStatus(@ForAll("weeks") List<Removal> removals,
            @ForAll @IntRange(min = 1, max = 3) int doublings) {
        double factor = Math.pow(2, doublings);
        List<Removal> scaled = removals.stream().map(r -> new Removal(r.startedAt(), r.endedAt(), r.pumping(),
                r.leftMl() * factor, r.rightMl() * factor)).toList();
        TrendMetrics original = metrics(removals);
        TrendMetrics bigger = metrics(scaled);
        assertEquals(original.changePct(), bigger.changePct());
        StatusState stable = new StatusState(SupplyStatus.STABLE, List.of(), null, null, null, null, false);
        SupplyStatusRules.Assessment a = SupplyStatusRules.assess(original, stable, false, T);
        SupplyStatusRules.Assessment b = SupplyStatusRules.assess(bigger, stable, false, T);
        assertEquals(List.of(a.status(), a.reasons(), String.valueOf(a.transition())),
                List.of(b.status(), b.reasons(), String.valueOf(b.transition())));
    }

    @Property
    void theOrderInWhichRemovalsArriveNeverChangesAnyDay(@ForAll("weeks") List<Removal> removals, @ForAll long seed) {
        List<Removal> shuffled = new ArrayList<>(removals);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(DailyAggregator.aggregate(removals, PARIS, TODAY.minusDays(21), TODAY),
                DailyAggregator.aggregate(shuffled, PARIS, TODAY.minusDays(21), TODAY));
    }

    @Property
    void aTimezoneChangeMovesRemovalsBetweenDaysButLosesNone(@ForAll("weeks") List<Removal> removals) {
        var paris = DailyAggregator.aggregate(removals, PARIS, TODAY.minusDays(23), TODAY);
        var newYork = DailyAggregator.aggregate(removals, java.time.ZoneId.of("America/New_York"), TODAY.minusDays(23), TODAY);
        assertEquals(paris.stream().mapToInt(DailySupply::removals).sum(), newYork.stream().mapToInt(DailySupply::removals).sum());
        assertEquals(Math.round(paris.stream().mapToDouble(DailySupply::totalMl).sum() * 10),
                Math.round(newYork.stream().mapToDouble(DailySupply::totalMl).sum() * 10));
    }

    private static TrendMetrics metrics(List<Removal> removals) {
        return SupplyTrendCalculator.compute(DailyAggregator.aggregate(removals, PARIS, TODAY.minusDays(21), TODAY),
                TODAY, new ParentProfile(PARIS, TODAY.minusWeeks(20), null), null, T);
    }
}
