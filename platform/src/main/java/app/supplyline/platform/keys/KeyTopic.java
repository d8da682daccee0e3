package app.supplyline.platform.keys;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.SecretKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The parents' data keys topic, {@value #TOPIC}: compacted, record key = parent id, value = the parent's AES-256
 * data key sealed under the key-encryption key ({@code supplyline.keys.kek}, 32 bytes in base64, from each
 * service's configuration), bound to the parent id. A tombstone (null value) is an erased parent: with the key gone,
 * every personal field sealed under it is unreadable in every copy of every event.
 */
@ApplicationScoped
public class KeyTopic {

    public static final String TOPIC = "supplyline.keys.v1";

    private final SecretKey keyEncryptionKey;
    private final Config config;

    public KeyTopic(@ConfigProperty(name = "supplyline.keys.kek") String keyEncryptionKey, Config config) {
        this.keyEncryptionKey = Sealing.key(Base64.getDecoder().decode(keyEncryptionKey.strip()));
        this.config = config;
    }

    /** The record value that carries this parent's data key. */
    public String wrap(String parentId, SecretKey dataKey) {
        return Base64.getEncoder().encodeToString(Sealing.seal(keyEncryptionKey, dataKey.getEncoded(), bound(parentId)));
    }

    /** @throws IllegalArgumentException when the value is not this parent's key sealed under this service's KEK */
    public SecretKey unwrap(String parentId, String wrapped) {
        return Sealing.key(Sealing.open(keyEncryptionKey, Base64.getDecoder().decode(wrapped), bound(parentId)));
    }

    private static String bound(String parentId) {
        return TOPIC + "/" + parentId;
    }

    /** The Kafka client settings the services share: every {@code kafka.*} property without its prefix. */
    public Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> settings.put(name.substring(6), v));
            }
        }
        return settings;
    }
}
