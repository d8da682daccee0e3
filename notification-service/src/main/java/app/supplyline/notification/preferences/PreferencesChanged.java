package app.supplyline.notification.preferences;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * What else must follow a user's new preferences, in the transaction that saves them (the reminder's due time).
 * Implemented by the packages that depend on preferences, so that preferences depend on none of them.
 */
public interface PreferencesChanged {

    Uni<Void> changed(SqlConnection c, String userId);
}
