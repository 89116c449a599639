package sample;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RefundsTest {
    @Test
    void refundsOnce() {
        Refunds r = new Refunds();
        assertEquals(500, r.refund(500));
        assertEquals(0, r.refund(500));
    }

    @Test
    void refundsTheWholeAmount() {
        assertEquals(1250, new Refunds().refund(1250));
    }
}
