package app.supplyline.session.intake;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the service's own tables directly, to assert what was (or was not) stored for a parent. */
final class JournalRows {

    private JournalRows() {
    }

    /** The single number {@code sql} returns; its one parameter is the parent id. */
    static long count(AgroalDataSource db, String sql, String parentId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
