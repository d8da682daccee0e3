package app.supplyline.session.account;

import app.supplyline.session.store.Erasures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** The parent's account: erasing it here, then the follow-up at once (the key's tombstone, the Keycloak user). */
@ApplicationScoped
public class Accounts {

    private final Erasures erasures;
    private final ErasureFollowUp followUp;

    public Accounts(Erasures erasures, ErasureFollowUp followUp) {
        this.erasures = erasures;
        this.followUp = followUp;
    }

    public Uni<Void> erase(String parentId, Instant now) {
        return erasures.erase(parentId, now).invoke(followUp::nudge);
    }
}
