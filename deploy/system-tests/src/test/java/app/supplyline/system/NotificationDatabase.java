package app.supplyline.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * notification-service's database, read (and once written) as its own role, for what no API shows: the state and the
 * stored reason of each push delivery.
 */
final class NotificationDatabase {

    /** A push delivery: {@code PENDING}, {@code FAILED}, … and the short reason stored with it. */
    record Delivery(String state, String lastError) {
    }

    private final SystemStack stack;

    NotificationDatabase(SystemStack stack) {
        this.stack = stack;
    }

    /** The deliveries to the subscriptions whose endpoint ends with {@code /push/<device>}. */
    List<Delivery> deliveriesToDevice(String device) throws SQLException {
        return deliveries("""
                SELECT d.state, d.last_error FROM push_delivery d JOIN push_subscription s ON s.id = d.subscription_id
                WHERE s.endpoint LIKE '%/push/' || ? ORDER BY d.id""", device);
    }

    /** The deliveries to one subscription. */
    List<Delivery> deliveriesTo(UUID subscriptionId) throws SQLException {
        return deliveries("SELECT state, last_error FROM push_delivery WHERE subscription_id = ? ORDER BY id",
                subscriptionId);
    }

    /** A subscription stored as the subscribe endpoint stores one, without its checks. */
    void insertSubscription(UUID id, String userId, String endpoint, String p256dh, String auth) throws SQLException {
        try (Connection db = connect(); PreparedStatement insert = db.prepareStatement("""
                INSERT INTO push_subscription (id, user_id, endpoint, p256dh, auth, label, created_at)
                VALUES (?, ?, ?, ?, ?, 'inserted by a test', now())""")) {
            insert.setObject(1, id);
            insert.setString(2, userId);
            insert.setString(3, endpoint);
            insert.setString(4, p256dh);
            insert.setString(5, auth);
            if (insert.executeUpdate() != 1) {
                throw new IllegalStateException("subscription " + id + " not stored");
            }
        }
    }

    private List<Delivery> deliveries(String sql, Object parameter) throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                List<Delivery> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(new Delivery(rows.getString(1), rows.getString(2)));
                }
                return found;
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.components().postgres().jdbcUrl("notification"), "notification",
                "notification");
    }
}
