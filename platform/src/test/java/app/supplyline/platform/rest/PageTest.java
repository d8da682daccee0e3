package app.supplyline.platform.rest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PageTest {

    @Test
    void oneRowMoreThanThePageMeansANextPageAfterTheLastShown() {
        Page<String> page = Page.of(List.of(1, 2, 3), 2, n -> "#" + n, last -> "after-" + last);
        assertEquals(List.of("#1", "#2"), page.items());
        assertEquals("after-2", page.nextCursor());
    }

    @Test
    void aFullPageWithNothingMoreIsTheLast() {
        Page<String> page = Page.of(List.of(1, 2), 2, n -> "#" + n, last -> "after-" + last);
        assertEquals(List.of("#1", "#2"), page.items());
        assertNull(page.nextCursor());
    }

    @Test
    void anEmptyListIsAnEmptyLastPage() {
        Page<String> page = Page.of(List.<Integer>of(), 50, n -> "#" + n, last -> "after-" + last);
        assertEquals(List.of(), page.items());
        assertNull(page.nextCursor());
    }
}
