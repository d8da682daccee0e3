package app.supplyline.system;

import org.junit.jupiter.api.BeforeAll;

/** What every system test starts from: the one stack of this JVM and the journeys' shared steps. */
abstract class AgainstTheStack {

    static SystemStack stack;
    static Journeys journeys;

    @BeforeAll
    static void startStack() {
        stack = SystemStack.get();
        journeys = new Journeys(stack);
    }
}
