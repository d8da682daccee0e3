package app.supplyline.analytics.report;

import app.supplyline.analytics.trend.InsightCalculator;

import java.util.List;

/**
 * The insights as the API gives them: each finding with its figures and its sentence in the reader's language;
 * {@code why} says why there is none, when there is none. {@code tests}: how many questions were asked of the data
 * (the family the q-values are adjusted over).
 */
public record InsightsView(int pairedDays, int tests, List<Item> insights, String why) {

    public record Item(InsightCalculator.Factor factor, InsightCalculator.Lag lag, Double rho, int n, double q,
            InsightCalculator.Group group, InsightCalculator.Group against, Double differenceMl, Double lowMl,
            Double highMl, String text) {
    }
}
