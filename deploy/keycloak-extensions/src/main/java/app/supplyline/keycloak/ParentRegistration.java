package app.supplyline.keycloak;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.Config;
import org.keycloak.authentication.FormAction;
import org.keycloak.authentication.FormActionFactory;
import org.keycloak.authentication.FormContext;
import org.keycloak.authentication.ValidationContext;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.provider.ProviderConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A step of Supplyline's registration flow. Someone who registers on Keycloak's page is a parent: on success the
 * user gets the realm role {@code parent} — and nothing else does it, so a user an admin creates has only the roles
 * the admin gives. Registering needs both boxes of the form ticked (the user-profile attributes
 * {@value #CONSENT_HEALTH_DATA} and {@value #ACKNOWLEDGED_NOTICE}); the moment of consent and the notice's version are
 * recorded on the user ({@code consent_health_data_at}, {@code privacy_notice_version}).
 */
public class ParentRegistration implements FormAction, FormActionFactory {

    public static final String ID = "supplyline-parent-registration";
    static final String CONSENT_HEALTH_DATA = "consent_health_data";
    static final String ACKNOWLEDGED_NOTICE = "acknowledged_notice";
    static final String NOTICE_VERSION = "2026-11-29";
    static final String PARENT_ROLE = "parent";

    @Override
    public void buildPage(FormContext context, LoginFormsProvider form) {
        // the boxes are user-profile attributes: Keycloak's registration page renders them
    }

    @Override
    public void validate(ValidationContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        List<FormMessage> errors = new ArrayList<>();
        if (!ticked(form, CONSENT_HEALTH_DATA)) {
            errors.add(new FormMessage(CONSENT_HEALTH_DATA, "supplylineConsentRequired"));
        }
        if (!ticked(form, ACKNOWLEDGED_NOTICE)) {
            errors.add(new FormMessage(ACKNOWLEDGED_NOTICE, "supplylineNoticeRequired"));
        }
        if (errors.isEmpty()) {
            context.success();
        } else {
            context.error(Errors.INVALID_REGISTRATION);
            context.validationError(form, errors);
        }
    }

    private static boolean ticked(MultivaluedMap<String, String> form, String attribute) {
        List<String> values = form.get(attribute);
        return values != null && values.contains("yes");
    }

    @Override
    public void success(FormContext context) {
        UserModel user = context.getUser();
        RealmModel realm = context.getRealm();
        RoleModel parent = realm.getRole(PARENT_ROLE);
        if (parent == null) {
            throw new IllegalStateException("The realm has no role " + PARENT_ROLE);
        }
        user.grantRole(parent);
        user.setSingleAttribute("consent_health_data_at", Instant.now().toString());
        user.setSingleAttribute("privacy_notice_version", NOTICE_VERSION);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }

    @Override
    public FormAction create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Supplyline: a registered user is a parent who consented";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    private static final AuthenticationExecutionModel.Requirement[] CHOICES = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return CHOICES;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Requires the consent boxes, then gives the new user the realm role 'parent' and records the consent.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
