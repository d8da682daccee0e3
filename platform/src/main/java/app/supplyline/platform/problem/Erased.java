package app.supplyline.platform.problem;

import io.vertx.pgclient.PgException;

import java.sql.SQLException;

/**
 * A write about a parent who was erased (ADR-010), refused by the database itself: each service's tables that an
 * erased parent's requests could fill again have a trigger raising SQLSTATE {@value #SQLSTATE}. An API answers it
 * 404, as for anything that does not exist; a consumer skips the record.
 */
public final class Erased {

    public static final String SQLSTATE = "SLERA";

    private Erased() {
    }

    /** Thrown by code that finds the parent erased before the database refuses anything (no data key left). */
    public static final class Parent extends RuntimeException {
        public Parent(String parentId) {
            super("Parent " + parentId + " was erased", null, false, false);
        }
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // the SQL client's PgException; Hibernate Reactive puts the state into a java.sql.SQLException of its own
            if (t instanceof Parent
                    || t instanceof PgException pg && SQLSTATE.equals(pg.getSqlState())
                    || t instanceof SQLException sql && SQLSTATE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
