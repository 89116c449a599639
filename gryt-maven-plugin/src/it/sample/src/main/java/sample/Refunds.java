package sample;

/** Refunds a payment once. */
public final class Refunds {
    private long refunded;

    /** Refunds {@code cents}, unless this payment was refunded already; returns what was refunded. */
    public long refund(long cents) {
        if (refunded > 0) return 0;
        refunded = cents;
        return cents;
    }
}
