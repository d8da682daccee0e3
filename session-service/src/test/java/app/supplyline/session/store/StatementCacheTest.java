package app.supplyline.session.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot and the write of every session command must stay cached prepared statements, or PostgreSQL re-plans
 * them on each request.
 */
class StatementCacheTest {

    @Test
    void theJournalWriteFitsVertxsPreparedStatementCache() {
        assertTrue(JournalStore.WRITE.length() < JournalStore.STATEMENT_CACHE_SQL_LIMIT,
                "the write is " + JournalStore.WRITE.length() + " characters");
    }

    @Test
    void theSnapshotOfADecisionFitsItToo() {
        assertTrue(JournalStore.SNAPSHOT.length() < JournalStore.STATEMENT_CACHE_SQL_LIMIT,
                "the snapshot is " + JournalStore.SNAPSHOT.length() + " characters");
    }

    @Test
    void oneLineKeepsTheSqlButNotItsLayout() {
        assertEquals("SELECT a, b FROM t WHERE x = $1",
                JournalStore.oneLine("\n    SELECT a,\n           b\n      FROM t\n     WHERE x = $1\n"));
    }
}
