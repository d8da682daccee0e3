package app.supplyline.local.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PostgreSQL actually did for a statement: it is prepared and run under {@code EXPLAIN ANALYZE} with the generic
 * plan a prepared statement falls back to ({@code plan_cache_mode = force_generic_plan}), inside a transaction that
 * is rolled back, so a claim changes nothing. Answers the rows each relation's nodes produced over all their loops.
 */
public final class PlanCheck {

    private static final Pattern NODE = Pattern.compile(
            "(?:Scan|Update|Delete|Insert)(?: Backward)?(?: using \\S+)? on (\\w+).*actual time=\\S+ rows=([\\d.]+) loops=(\\d+)");
    private static final Pattern LOCK_ROWS = Pattern.compile("LockRows .*actual time=\\S+ rows=[\\d.]+ loops=(\\d+)");

    /** The plan's text, the rows read per relation and how many times rows were locked. */
    public record Plan(String text, Map<String, Long> rowsByRelation, long lockLoops) {

        public long rows(String relation) {
            return rowsByRelation.getOrDefault(relation, 0L);
        }
    }

    private PlanCheck() {
    }

    /**
     * @param types the parameter types, e.g. {@code timestamptz, int}
     * @param args  the arguments as SQL literals, e.g. {@code timestamptz '2026-11-20T12:00:00Z', 200}
     */
    public static Plan generic(Connection c, String sql, String types, String args) throws SQLException {
        return generic(c, List.of(), sql, types, args);
    }

    /**
     * The same, after {@code setup} ran in the same transaction: rows only this check sees (uncommitted, so the
     * running service cannot take them), {@code ANALYZE} to make the statistics fresh.
     */
    public static Plan generic(Connection c, List<String> setup, String sql, String types, String args) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String statement : setup) {
                s.execute(statement);
            }
            s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            s.execute("PREPARE checked(" + types + ") AS " + sql);
            StringBuilder text = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) EXECUTE checked(" + args + ")")) {
                while (rs.next()) {
                    text.append(rs.getString(1)).append('\n');
                }
            }
            s.execute("DEALLOCATE checked");
            Map<String, Long> rows = new TreeMap<>();
            long locks = 0;
            for (String line : text.toString().split("\n")) {
                Matcher node = NODE.matcher(line);
                if (node.find()) {
                    rows.merge(node.group(1), Math.round(Double.parseDouble(node.group(2)) * Long.parseLong(node.group(3))),
                            Long::sum);
                }
                Matcher lock = LOCK_ROWS.matcher(line);
                if (lock.find()) {
                    locks += Long.parseLong(lock.group(1));
                }
            }
            return new Plan(text.toString(), rows, locks);
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }
}
