package app.supplyline.session.wellbeing;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import app.supplyline.platform.problem.ProblemException;
import app.supplyline.session.journal.Profile;
import app.supplyline.session.journal.VersionedProfile;
import app.supplyline.platform.problem.RateLimitedWrite;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;

/** The parent's own profile. A parent who never set one sees the defaults (UTC, mL) at version 0. */
@Path("/api/profile")
@RolesAllowed("parent")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    private final WellbeingService wellbeing;
    private final SecurityIdentity identity;

    public ProfileResource(WellbeingService wellbeing, SecurityIdentity identity) {
        this.wellbeing = wellbeing;
        this.identity = identity;
    }

    /**
     * The profile as a request sets it: the whole profile, replacing the previous one. {@code reducingOnPurpose} is a
     * {@code Boolean} so that a client that does not know it yet (absent or null) means "not reducing".
     */
    public record ProfileRequest(String timezone, LocalDate babyBirthDate, Profile.FeedingMode feedingMode,
            Boolean reducingOnPurpose, Profile.VolumeUnit preferredUnit, Integer dailyGoalMl) {
    }

    /** The profile with its version. */
    public record ProfileView(String timezone, LocalDate babyBirthDate, Profile.FeedingMode feedingMode,
            boolean reducingOnPurpose, Profile.VolumeUnit preferredUnit, Integer dailyGoalMl, long version) {

        static ProfileView of(VersionedProfile v) {
            Profile p = v.profile();
            return new ProfileView(p.timezone(), p.babyBirthDate(), p.feedingMode(), p.reducingOnPurpose(),
                    p.preferredUnit(), p.dailyGoalMl(), v.version());
        }
    }

    @GET
    @APIResponse(responseCode = "200", description = "The profile (defaults at version 0 when never set)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProfileView.class)))
    public Uni<Response> get() {
        return wellbeing.profile(identity.getPrincipal().getName()).map(ProfileResource::respond);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The profile at its new version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProfileView.class)))
    @RateLimitedWrite
    public Uni<Response> put(ProfileRequest request) {
        if (request == null) {
            throw ProblemException.bodyRequired();
        }
        Profile profile = new Profile(request.timezone(), request.babyBirthDate(), request.feedingMode(),
                Boolean.TRUE.equals(request.reducingOnPurpose()),
                request.preferredUnit() == null ? Profile.VolumeUnit.ML : request.preferredUnit(),
                request.dailyGoalMl());
        return wellbeing.updateProfile(identity.getPrincipal().getName(), profile).map(ProfileResource::respond);
    }

    private static Response respond(VersionedProfile profile) {
        return Response.ok(ProfileView.of(profile)).tag(new EntityTag(Long.toString(profile.version()))).build();
    }
}
