package app.supplyline.notification.push;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A browser or phone a user receives pushes on: the endpoint of its push service and the keys its pushes are
 * encrypted to (RFC 8291). The dispatcher reads them with its deliveries, in SQL; this side is plain reads and
 * writes, with Hibernate Reactive Panache ({@link PushSubscriptions}).
 */
@Entity
@Table(name = "push_subscription")
public class PushSubscription {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String endpoint;

    @Column(nullable = false)
    public String p256dh;

    @Column(nullable = false)
    public String auth;

    public String label;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
