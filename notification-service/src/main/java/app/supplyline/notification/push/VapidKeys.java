package app.supplyline.notification.push;

import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.VAPIDKeyPairs;
import com.zerodeplibs.webpush.jwt.DefaultVAPIDJWTGeneratorFactory;
import com.zerodeplibs.webpush.key.PrivateKeySources;
import com.zerodeplibs.webpush.key.PublicKeySources;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The application server's VAPID key pair (RFC 8292, P-256). From configuration when set
 * ({@code supplyline.push.vapid.public-key}: the uncompressed public key, base64url; {@code private-key}: PKCS#8,
 * base64url) — the way to run in production; otherwise from {@code supplyline.push.vapid.key-file}, generated there
 * once with the JDK's key generator, so a developer's browsers stay subscribed across restarts.
 */
@ApplicationScoped
public class VapidKeys {

    private static final Logger LOG = Logger.getLogger(VapidKeys.class);

    private final VAPIDKeyPair keyPair;
    private final String subject;

    public VapidKeys(@ConfigProperty(name = "supplyline.push.vapid.public-key") Optional<String> publicKey,
            @ConfigProperty(name = "supplyline.push.vapid.private-key") Optional<String> privateKey,
            @ConfigProperty(name = "supplyline.push.vapid.key-file") Optional<Path> keyFile,
            @ConfigProperty(name = "supplyline.push.vapid.subject", defaultValue = "mailto:support@supplyline.app") String subject) {
        this.subject = subject;
        if (publicKey.isPresent() && privateKey.isPresent()) {
            keyPair = pair(publicKey.get(), privateKey.get());
        } else if (keyFile.isPresent()) {
            keyPair = fromFile(keyFile.get());
        } else {
            throw new IllegalStateException("No VAPID keys: set supplyline.push.vapid.public-key and private-key "
                    + "(or supplyline.push.vapid.key-file to keep generated ones)");
        }
    }

    public VAPIDKeyPair keyPair() {
        return keyPair;
    }

    /** The application server key a browser passes to pushManager.subscribe(), base64url. */
    public String publicKey() {
        return keyPair.extractPublicKeyInUncompressedFormAsString();
    }

    /** The contact the push services see in each VAPID token. */
    public String subject() {
        return subject;
    }

    private static VAPIDKeyPair pair(String publicKey, String privateKey) {
        return VAPIDKeyPairs.of(PrivateKeySources.ofPKCS8Bytes(Base64.getUrlDecoder().decode(privateKey)),
                PublicKeySources.ofUncompressedBytes(Base64.getUrlDecoder().decode(publicKey)),
                (priv, pub) -> new ReusedVapidTokens(new DefaultVAPIDJWTGeneratorFactory().create(priv, pub),
                        Clock.systemUTC()));
    }

    private static VAPIDKeyPair fromFile(Path file) {
        try {
            Properties keys = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    keys.load(in);
                }
            } else {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair generated = generator.generateKeyPair();
                VAPIDKeyPair pair = VAPIDKeyPairs.of(PrivateKeySources.ofPKCS8Bytes(generated.getPrivate().getEncoded()),
                        PublicKeySources.ofECPublicKey((ECPublicKey) generated.getPublic()));
                keys.setProperty("public-key", pair.extractPublicKeyInUncompressedFormAsString());
                keys.setProperty("private-key", Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(generated.getPrivate().getEncoded()));
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (Writer out = Files.newBufferedWriter(file)) {
                    keys.store(out, "VAPID key pair of the notification-service (generated; keep private)");
                }
                LOG.infof("Generated a VAPID key pair in %s", file);
            }
            return pair(keys.getProperty("public-key"), keys.getProperty("private-key"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the VAPID key file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a VAPID key pair", e);
        }
    }
}
