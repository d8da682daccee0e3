package app.supplyline.analytics.cohort;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Invite codes: 10 characters of an unambiguous alphabet (no 0/O, 1/I/L), about 49 bits from {@link SecureRandom},
 * shown in groups of five ({@code ABCDE-FGHJK}); typed codes are read case-insensitively, with or without the dash.
 * Guessing is further slowed by the per-user write quota on joins.
 */
final class InviteCodes {

    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final Pattern TYPED = Pattern.compile("[" + ALPHABET + "]{5}-?[" + ALPHABET + "]{5}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private InviteCodes() {
    }

    static String next() {
        StringBuilder code = new StringBuilder(11);
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code in its stored form, or null when {@code typed} cannot be an invite code. */
    static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        String upper = typed.strip().toUpperCase(Locale.ROOT);
        if (!TYPED.matcher(upper).matches()) {
            return null;
        }
        String plain = upper.replace("-", "");
        return plain.substring(0, 5) + "-" + plain.substring(5);
    }
}
