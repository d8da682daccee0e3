package app.supplyline.platform.problem;

import app.supplyline.platform.rest.TimeZoneId;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bean Validation's violations as the problem's field errors: the paths a client reads, the zone-id rule. */
class BeanViolationsTest {

    record Request(@TimeZoneId String timezone, List<@NotNull(message = "is required") String> channels) {
    }

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void aListElementIsNamedByItsIndexAndAZoneMustBeAPlace() {
        Problem problem = ProblemMappers.invalid(VALIDATOR.validate(new Request("+01:00", Arrays.asList("INBOX", null))),
                "/api/preferences", ProblemMappers::beanPath);
        assertEquals(400, problem.status());
        assertEquals(List.of(new Problem.FieldError("channels[1]", "is required"),
                new Problem.FieldError("timezone", "must be an IANA time zone such as Europe/Paris")), problem.errors());
    }

    @Test
    void knownZonesAndNoZonePass() {
        assertEquals(0, VALIDATOR.validate(new Request("Europe/Paris", List.of("INBOX"))).size());
        assertEquals(0, VALIDATOR.validate(new Request(null, null)).size());
        assertEquals(1, VALIDATOR.validate(new Request("Europe/" + "x".repeat(TimeZoneId.MAX_LENGTH), null)).size());
    }

    @Test
    void aResourceParameterPathLosesItsMethodAndParameterNames() {
        assertEquals("quietHours.end", ProblemMappers.beanPath("put.request.quietHours.end"));
        assertEquals("channels[1]", ProblemMappers.beanPath("put.request.channels[1].<list element>"));
        assertEquals("create.request", ProblemMappers.beanPath("create.request"));
    }
}
